namespace Trinity.Tokenization.PreTokenizers;

/// <summary>The cl100k_base pattern, shared by Llama 3 (up to three digits per piece) and Qwen2 (one digit per
/// piece), run code point by code point with the regex's exact leftmost-first, backtracking semantics.</summary>
internal sealed class Cl100kSplitPattern : ISplitPattern
{
    /// <summary>cl100k_base and Llama 3.</summary>
    public const string Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Qwen2 and Qwen2.5.</summary>
    public const string SingleDigitPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private readonly int _maxDigits;

    public Cl100kSplitPattern(int maxDigits) => _maxDigits = maxDigits;

    public void FindMatches(ReadOnlySpan<char> text, List<(int Start, int Length)> matches)
    {
        var position = 0;
        while (position < text.Length)
        {
            var length = MatchAt(text, position);
            matches.Add((position, length));
            position += length;
        }
    }

    private int MatchAt(ReadOnlySpan<char> text, int position)
    {
        var contraction = UnicodeClass.ContractionLength(text, position, ignoreCase: true);
        if (contraction > 0)
        {
            return contraction;
        }

        var first = UnicodeClass.RuneAt(text, position, out var firstLength);

        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (UnicodeClass.IsLetter(first))
        {
            return UnicodeClass.RunEnd(text, position, UnicodeClass.IsLetter) - position;
        }

        var next = position + firstLength;
        if (UnicodeClass.IsWordPrefix(first) && next < text.Length && UnicodeClass.IsLetter(UnicodeClass.RuneAt(text, next, out _)))
        {
            return UnicodeClass.RunEnd(text, next, UnicodeClass.IsLetter) - position;
        }

        // \p{N}{1,N}
        if (UnicodeClass.IsNumber(first))
        {
            var end = next;
            for (var count = 1; count < _maxDigits && end < text.Length; count++)
            {
                var digit = UnicodeClass.RuneAt(text, end, out var digitLength);
                if (!UnicodeClass.IsNumber(digit))
                {
                    break;
                }

                end += digitLength;
            }

            return end - position;
        }

        var punctuation = PunctuationMatch(text, position, first, next, lineBreaksOrSlash: false);
        return punctuation > 0 ? punctuation : LineBreakOrWhiteSpaceMatch(text, position);
    }

    /// <summary><c> ?[^\s\p{L}\p{N}]+[\r\n]*</c> (o200k also takes '/' in the tail); 0 if it does not match.</summary>
    internal static int PunctuationMatch(ReadOnlySpan<char> text, int position, System.Text.Rune first, int next, bool lineBreaksOrSlash)
    {
        int start;
        if (UnicodeClass.IsOther(first))
        {
            start = position;
        }
        else if (first.Value == ' ' && next < text.Length && UnicodeClass.IsOther(UnicodeClass.RuneAt(text, next, out _)))
        {
            start = next;
        }
        else
        {
            return 0;
        }

        var end = UnicodeClass.RunEnd(text, start, UnicodeClass.IsOther);
        while (end < text.Length && (text[end] == '\r' || text[end] == '\n' || (lineBreaksOrSlash && text[end] == '/')))
        {
            end++;
        }

        return end - position;
    }

    /// <summary><c>\s*[\r\n]+|\s+(?!\S)|\s+</c>: a white-space run ends after its last line break if it has one.</summary>
    internal static int LineBreakOrWhiteSpaceMatch(ReadOnlySpan<char> text, int position)
    {
        var end = UnicodeClass.RunEnd(text, position, UnicodeClass.IsWhiteSpace);
        for (var i = end - 1; i >= position; i--)
        {
            if (text[i] == '\r' || text[i] == '\n')
            {
                return i + 1 - position;
            }
        }

        return Gpt2SplitPattern.WhiteSpaceMatch(text, position);
    }
}
