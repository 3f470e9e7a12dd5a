using System.Text.Json;
using Trinity.Tokenization;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>Turns a tiktoken encoding (mergeable ranks, special tokens, split pattern) into a Hugging Face
/// tokenizer.json, the way Llama 3's was made: the vocabulary is the ranks; each token's merge is recovered by
/// running BPE on its bytes with only lower ranks until two parts remain; <c>ignore_merges</c> is on, since tiktoken
/// uses a pre-token found whole in the ranks directly.</summary>
internal static class TiktokenConverter
{
    /// <summary>Reads <c>encoders/NAME.json</c> of the tiktoken npm package: <c>bpe_ranks</c> is "! OFFSET" followed by
    /// base64 tokens of consecutive ranks.</summary>
    public static (List<byte[]> Tokens, Dictionary<string, int> Specials, string Pattern) ReadEncoding(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var tokens = new List<byte[]>();
        var parts = root.GetProperty("bpe_ranks").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "!")
            {
                var offset = int.Parse(parts[++i], System.Globalization.CultureInfo.InvariantCulture);
                if (offset != tokens.Count)
                {
                    throw new InvalidDataException($"Ranks with gaps are not expected (offset {offset}).");
                }

                continue;
            }

            tokens.Add(Convert.FromBase64String(parts[i]));
        }

        var specials = root.GetProperty("special_tokens").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        return (tokens, specials, root.GetProperty("pat_str").GetString()!);
    }

    public static string ToTokenizerJson(List<byte[]> tokens, Dictionary<string, int> specials, string pattern)
    {
        // Latin-1 strings stand for byte strings: one char per byte, cheap to slice and hash.
        var ranks = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var rank = 0; rank < tokens.Count; rank++)
        {
            ranks[string.Create(tokens[rank].Length, tokens[rank], static (span, bytes) => { for (var i = 0; i < bytes.Length; i++) { span[i] = (char)bytes[i]; } })] = rank;
        }

        var lookup = ranks.GetAlternateLookup<ReadOnlySpan<char>>();
        var vocab = tokens.Select(t => ByteLevelAlphabet.Encode(t)).ToList();
        var merges = new List<(string Left, string Right)>();
        foreach (var (latin1, rank) in ranks.OrderBy(p => p.Value))
        {
            if (latin1.Length < 2)
            {
                continue;
            }

            var split = SplitByLowerRanks(latin1, rank, lookup);
            if (split > 0)
            {
                merges.Add((vocab[ranks[latin1[..split]]], vocab[ranks[latin1[split..]]]));
            }
        }

        var added = specials.OrderBy(p => p.Value).Select(p => (p.Value, p.Key)).ToList();
        return TokenizerJsonWriter.Write(vocab, merges, added, w => TokenizerJsonWriter.WriteSplitThenByteLevel(w, pattern), ignoreMerges: true);
    }

    /// <summary>Where BPE with ranks below <paramref name="maxRank"/> leaves the token in exactly two parts, or 0.</summary>
    private static int SplitByLowerRanks(string token, int maxRank, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ranks)
    {
        var bounds = Enumerable.Range(0, token.Length + 1).ToList();
        while (bounds.Count > 3)
        {
            var best = -1;
            var bestRank = maxRank;
            for (var i = 0; i + 2 < bounds.Count; i++)
            {
                if (ranks.TryGetValue(token.AsSpan(bounds[i], bounds[i + 2] - bounds[i]), out var rank) && rank < bestRank)
                {
                    best = i;
                    bestRank = rank;
                }
            }

            if (best < 0)
            {
                return 0;
            }

            bounds.RemoveAt(best + 1);
        }

        return bounds.Count == 3 ? bounds[1] : 0;
    }
}
