using System.Text;

namespace Trinity.Gateway.Cache;

/// <summary>Splits a prompt into words for the guard: runs of letters and digits (apostrophes inside a word kept,
/// hyphens split), lower-cased, with English contractions expanded so that <c>what's</c> and <c>what is</c> compare
/// equal and <c>don't</c> shows its <c>not</c>.</summary>
internal static class PromptWords
{
    public static List<PromptWord> Split(string text)
    {
        var words = new List<PromptWord>();
        var current = new StringBuilder();
        var sentenceStart = true;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c) || IsApostrophe(c) && current.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                current.Append(IsApostrophe(c) ? '\'' : c);
                continue;
            }

            if (current.Length > 0)
            {
                var word = current.ToString();
                current.Clear();
                Add(words, word, sentenceStart);
                sentenceStart &= !word.Any(char.IsLetter);
            }

            if (c is '.' or '!' or '?' or ':' or ';' or '\n')
            {
                sentenceStart = true;
            }
        }

        return words;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static void Add(List<PromptWord> words, string original, bool sentenceStart)
    {
        var lower = original.ToLowerInvariant();
        var nameLike = IsNameLike(original, lower, sentenceStart);
        var (first, second) = Expand(lower);
        words.Add(new PromptWord(first, nameLike));
        if (second is not null)
        {
            words.Add(new PromptWord(second, false));
        }
    }

    private static bool IsNameLike(string original, string lower, bool sentenceStart)
    {
        if (!original.Any(char.IsUpper) || lower == "i" || lower.StartsWith("i'", StringComparison.Ordinal))
        {
            return false;
        }

        // Upper case after the first letter: an acronym (NASA), a product (iPhone) or an identifier (MaxValue).
        var firstLetter = original.TakeWhile(c => !char.IsLetter(c)).Count();
        if (original.Skip(firstLetter + 1).Any(char.IsUpper) || !char.IsUpper(original[firstLetter]))
        {
            return true;
        }

        return !sentenceStart || !GuardLexicon.IsCommonOpener(Expand(lower).First);
    }

    /// <summary>The word and, for a contraction, the word it stands for.</summary>
    private static (string First, string? Second) Expand(string word)
    {
        if (word == "cannot")
        {
            return ("can", "not");
        }

        var apostrophe = word.IndexOf('\'', StringComparison.Ordinal);
        if (apostrophe <= 0)
        {
            return (word, null);
        }

        var stem = word[..apostrophe];
        var tail = word[apostrophe..];
        if (word.EndsWith("n't", StringComparison.Ordinal) && tail == "'t")
        {
            stem = word[..^3] switch
            {
                "ca" => "can",
                "wo" => "will",
                "sha" => "shall",
                "ai" => "is",
                var other => other,
            };
            return (stem, "not");
        }

        return tail switch
        {
            "'re" => (stem, "are"),
            "'m" => (stem, "am"),
            "'ve" => (stem, "have"),
            "'ll" => (stem, "will"),
            "'d" => (stem, "would"),
            "'s" when stem == "let" => (stem, "us"),
            "'s" when GuardLexicon.IsCommonOpener(stem) => (stem, "is"),

            // A possessive: Alice's compares as Alice.
            "'s" => (stem, null),
            _ => (word, null),
        };
    }
}
