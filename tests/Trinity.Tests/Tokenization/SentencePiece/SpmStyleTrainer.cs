using System.Globalization;
using System.Text;

namespace Trinity.Tests.Tokenization.SentencePiece;

/// <summary>Learns a character-level BPE vocabulary the way SentencePiece's BPE trainer shapes one: the text is
/// escaped (<c>▁</c> for every space, one prepended per line), and no piece crosses a word start, a change of
/// script class (letters, digits, the rest) or a digit (digits stay single, as Llama's <c>split_digits</c>).
/// Runs of <c>▁</c> form pieces of their own (<c>allow_whitespace_only_pieces</c>), so whitespace runs have tokens.
/// Deterministic: the most frequent pair wins, ties go to the ordinally smallest pair.</summary>
internal static class SpmStyleTrainer
{
    public const char Meta = '\u2581';

    /// <param name="corpus">Training text (lines).</param>
    /// <param name="mergeCount">How many merges to learn at most.</param>
    /// <param name="excluded">Characters kept out of the vocabulary (they encode through byte fallback).</param>
    /// <returns>The merges in rank order and the single characters of the corpus, most frequent first.</returns>
    public static (List<(string Left, string Right)> Merges, List<string> Characters) Train(string corpus, int mergeCount, Func<string, bool> excluded)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var characters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in corpus.ReplaceLineEndings("\n").Split('\n'))
        {
            var escaped = Meta + line.Replace(' ', Meta);
            foreach (var word in SplitWords(escaped))
            {
                words[word] = words.GetValueOrDefault(word) + 1;
            }

            foreach (var rune in escaped.EnumerateRunes())
            {
                var text = rune.ToString();
                if (!excluded(text))
                {
                    characters[text] = characters.GetValueOrDefault(text) + 1;
                }
            }
        }

        var symbolized = words
            .OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => (Symbols: w.Key.EnumerateRunes().Select(r => r.ToString()).ToList(), Count: w.Value))
            .Where(w => w.Symbols.TrueForAll(s => characters.ContainsKey(s)))
            .ToList();
        var merges = new List<(string, string)>();
        while (merges.Count < mergeCount)
        {
            var counts = new Dictionary<(string, string), long>();
            foreach (var (symbols, count) in symbolized)
            {
                for (var i = 0; i < symbols.Count - 1; i++)
                {
                    var pair = (symbols[i], symbols[i + 1]);
                    counts[pair] = counts.GetValueOrDefault(pair) + count;
                }
            }

            if (counts.Count == 0)
            {
                break;
            }

            var best = counts
                .OrderByDescending(c => c.Value)
                .ThenBy(c => c.Key.Item1, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Item2, StringComparer.Ordinal)
                .First().Key;
            merges.Add(best);
            foreach (var (symbols, _) in symbolized)
            {
                for (var i = 0; i < symbols.Count - 1; i++)
                {
                    if (symbols[i] == best.Item1 && symbols[i + 1] == best.Item2)
                    {
                        symbols[i] += symbols[i + 1];
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }

        var ordered = characters
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key)
            .ToList();
        return (merges, ordered);
    }

    /// <summary>Cuts escaped text where SentencePiece would never let a piece cross.</summary>
    private static IEnumerable<string> SplitWords(string escaped)
    {
        var current = new StringBuilder();
        var currentClass = -1;
        var runes = escaped.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            var metaRun = rune.Value == Meta && i + 1 < runes.Count && runes[i + 1].Value == Meta;
            var cls = rune.Value == Meta ? (metaRun ? 0 : 1) : Class(rune);
            var boundary = current.Length > 0 && (
                cls == 0 ? currentClass != 0
                : cls == 1 || cls == 3 || (currentClass != 1 && currentClass != cls));
            if (boundary)
            {
                yield return current.ToString();
                current.Clear();
            }

            current.Append(rune.ToString());
            currentClass = cls;
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>0: a run of ▁, 1: a single ▁ (starts a word), 2: letter or mark, 3: digit, 4: anything else.</summary>
    private static int Class(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber or UnicodeCategory.LetterNumber => 3,
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => 2,
        _ => 4,
    };
}
