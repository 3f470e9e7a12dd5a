using System.Text.RegularExpressions;

namespace Trinity.Bench.Ingest;

/// <summary>The text and Markdown files under a folder, in a stable order (ordinal by relative path); hidden files and
/// folders (names starting with '.') are skipped, and so are files without a letter or digit.</summary>
internal static partial class DocumentFolder
{
    public static IEnumerable<string> Files(string root, IReadOnlySet<string> extensions)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(path => extensions.Contains(Path.GetExtension(path).TrimStart('.')))
            .Where(path => !RelativeId(root, path).Split('/').Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Reads one file; null when it holds no text worth indexing.</summary>
    public static async Task<SourceDocument?> ReadAsync(string root, string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        if (!text.Any(char.IsLetterOrDigit))
        {
            return null;
        }

        var extension = Path.GetExtension(path).TrimStart('.');
        var isMarkdown = extension.Equals("md", StringComparison.OrdinalIgnoreCase) || extension.Equals("markdown", StringComparison.OrdinalIgnoreCase);
        var title = (isMarkdown ? FirstHeading(text) : null) ?? Path.GetFileNameWithoutExtension(path);
        return new SourceDocument(RelativeId(root, path), text, title);
    }

    public static string RelativeId(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The first ATX (<c># Title</c>) or setext (<c>Title</c> over <c>===</c>) heading outside code fences.</summary>
    internal static string? FirstHeading(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Fence().IsMatch(line))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            if (AtxHeading().Match(line) is { Success: true } atx && atx.Groups["title"].Length > 0)
            {
                return atx.Groups["title"].Value;
            }

            if (line.Trim().Length > 0 && i + 1 < lines.Length && SetextUnderline().IsMatch(lines[i + 1]))
            {
                return line.Trim();
            }
        }

        return null;
    }

    [GeneratedRegex(@"^ {0,3}(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<title>.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(=+|-+)[ \t]*$")]
    private static partial Regex SetextUnderline();
}
