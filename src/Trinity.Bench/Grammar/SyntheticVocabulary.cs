using System.Text;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Bench.Grammar;

/// <summary>
/// A deterministic stand-in for a 100k byte-level BPE vocabulary (cl100k/o200k-sized) when the real one is not
/// cached: all 256 single bytes, English-like fragments with and without a leading space, punctuation runs of the
/// kind JSON output meets (<c>",</c>, <c>"}</c>, <c>":"</c>), numbers, whitespace runs and some multi-byte
/// characters, then a few special tokens with EOS last.
/// </summary>
internal static class SyntheticVocabulary
{
    private static readonly string[] Syllables =
    [
        "a", "e", "i", "o", "u", "th", "he", "in", "er", "an", "re", "on", "at", "en", "nd", "ti", "es", "or", "te", "of",
        "ed", "is", "it", "al", "ar", "st", "to", "nt", "ng", "se", "ha", "as", "ou", "io", "le", "ve", "co", "me", "de", "hi",
        "ri", "ro", "ic", "ne", "ea", "ra", "ce", "li", "ch", "ll", "be", "ma", "si", "om", "ur", "name", "type", "id", "val",
        "ue", "str", "ing", "tion", "ment", "data", "user", "item", "list", "count", "price", "date", "time", "key", "desc",
    ];

    private static readonly string Punctuation = "{}[]\":,. \n-_/\\'()!?;=+*<>#@$%&|~`";

    /// <summary>Builds the vocabulary: <paramref name="size"/> ids, the last one EOS, the three before it special.</summary>
    public static TokenVocabulary Create(int size = 100_000, int seed = 13)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new List<byte[]?>();
        void Add(byte[] bytes)
        {
            if (tokens.Count < size - 4 && seen.Add(Convert.ToBase64String(bytes)))
            {
                tokens.Add(bytes);
            }
        }

        void AddText(string text) => Add(Encoding.UTF8.GetBytes(text));

        for (var b = 0; b < 256; b++)
        {
            Add([(byte)b]);
        }

        foreach (var a in Punctuation)
        {
            foreach (var b in Punctuation)
            {
                AddText($"{a}{b}");
                foreach (var c in "\",:}] \n{[")
                {
                    AddText($"{a}{b}{c}");
                }
            }
        }

        for (var n = 0; n < 1000; n++)
        {
            AddText(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddText(" " + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var n = 1; n <= 64; n++)
        {
            AddText(new string(' ', n));
            AddText("\n" + new string(' ', n));
            AddText(new string('\t', Math.Min(n, 8)) + new string(' ', n % 5));
        }

        foreach (var c in "éèàüößçñ日本語中文한국어—–“”‘’…€£")
        {
            AddText(c.ToString());
            AddText(" " + c);
        }

        while (tokens.Count < size - 4)
        {
            var word = new StringBuilder();
            for (var k = random.Next(1, 5); k > 0; k--)
            {
                word.Append(Syllables[random.Next(Syllables.Length)]);
            }

            var text = word.ToString();
            text = random.Next(4) switch
            {
                0 => text,
                1 => " " + text,
                2 => " " + char.ToUpperInvariant(text[0]) + text[1..],
                _ => random.Next(3) switch { 0 => "\"" + text, 1 => text + "\":", _ => "_" + text },
            };
            AddText(text);
        }

        tokens.AddRange([null, null, null, null]);
        return TokenVocabulary.FromBytes(tokens, [size - 1]);
    }
}
