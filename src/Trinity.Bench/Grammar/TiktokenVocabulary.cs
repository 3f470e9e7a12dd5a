using System.Globalization;
using System.Text.Json;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Bench.Grammar;

/// <summary>Reads a tiktoken encoding as the tokenizer oracle tests cache it (the npm package's
/// <c>encoders/NAME.json</c>: <c>bpe_ranks</c> is "! OFFSET" then base64 tokens of consecutive ranks) into a
/// vocabulary whose EOS is <c>&lt;|endoftext|&gt;</c>.</summary>
internal static class TiktokenVocabulary
{
    /// <summary>The cached encoder file for <paramref name="name"/> (cl100k, o200k), or null when not fetched yet.</summary>
    public static string? FindCached(string name)
    {
        var root = Environment.GetEnvironmentVariable("TRINITY_BUILD_CACHE");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "trinity-build");
        }

        var oracles = Path.Combine(root, "test-oracles");
        return Directory.Exists(oracles)
            ? Directory.GetDirectories(oracles, "tiktoken-*").Select(d => Path.Combine(d, "encoders", $"{name}_base.json")).FirstOrDefault(File.Exists)
            : null;
    }

    public static TokenVocabulary Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var tokens = new List<byte[]?>();
        var parts = root.GetProperty("bpe_ranks").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "!")
            {
                var offset = int.Parse(parts[++i], CultureInfo.InvariantCulture);
                while (tokens.Count < offset)
                {
                    tokens.Add(null);
                }

                continue;
            }

            tokens.Add(Convert.FromBase64String(parts[i]));
        }

        var eos = new List<int>();
        foreach (var special in root.GetProperty("special_tokens").EnumerateObject())
        {
            var id = special.Value.GetInt32();
            while (tokens.Count <= id)
            {
                tokens.Add(null);
            }

            tokens[id] = null;
            if (special.Name == "<|endoftext|>")
            {
                eos.Add(id);
            }
        }

        return TokenVocabulary.FromBytes(tokens, eos);
    }
}
