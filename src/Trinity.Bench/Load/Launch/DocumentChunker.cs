using System.Text;

namespace Trinity.Bench.Load.Launch;

/// <summary>
/// Splits Markdown documents into retrieval chunks of about a given size: paragraphs (blank-line separated blocks)
/// are packed together until the next would pass the size, a heading starts a new chunk, and a paragraph longer than
/// the size is cut at word boundaries. Each chunk remembers its file and position.
/// </summary>
internal static class DocumentChunker
{
    /// <summary>Files under <paramref name="paths"/> (a file, or the <c>*.md</c> of a folder tree), in a stable order.</summary>
    public static List<string> Files(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths.Select(RepositoryPaths.Resolve))
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else
            {
                throw new ArgumentException($"document path '{path}' does not exist");
            }
        }

        return files;
    }

    public static List<string> Chunk(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                chunks.Add(current.ToString().Trim());
                current.Clear();
            }
        }

        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (block.StartsWith('#') || current.Length + block.Length + 2 > maxChars)
            {
                Flush();
            }

            foreach (var piece in Split(block, maxChars))
            {
                if (current.Length + piece.Length + 2 > maxChars)
                {
                    Flush();
                }

                current.Append(current.Length > 0 ? "\n\n" : string.Empty).Append(piece);
            }
        }

        Flush();
        return chunks;
    }

    /// <summary>A block cut into pieces of at most <paramref name="maxChars"/>, at spaces where there are any.</summary>
    private static IEnumerable<string> Split(string block, int maxChars)
    {
        var start = 0;
        while (block.Length - start > maxChars)
        {
            var cut = block.LastIndexOf(' ', start + maxChars, maxChars);
            cut = cut <= start ? start + maxChars : cut;
            yield return block[start..cut].Trim();
            start = cut;
        }

        if (start < block.Length)
        {
            yield return block[start..].Trim();
        }
    }
}
