namespace Trinity.Tokenization.PreTokenizers;

/// <summary>The o200k_base pattern (words split at lower → upper case changes, contractions kept with their word),
/// run code point by code point with the regex's exact leftmost-first, backtracking semantics.</summary>
internal sealed class O200kSplitPattern : ISplitPattern
{
    /// <summary>o200k_base, as tiktoken and converted tokenizer.json files spell it.</summary>
    public const string Pattern =
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
        + @"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
        + @"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static O200kSplitPattern Instance { get; } = new();

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

    private static int MatchAt(ReadOnlySpan<char> text, int position)
    {
        var first = UnicodeClass.RuneAt(text, position, out var firstLength);
        var next = position + firstLength;

        // Each word alternative is tried with its optional prefix character taken, then without, as the regex does.
        var prefixed = UnicodeClass.IsWordPrefix(first);
        var end = prefixed ? UpperThenLower(text, next) : -1;
        if (end < 0)
        {
            end = UpperThenLower(text, position);
        }

        if (end < 0 && prefixed)
        {
            end = UpperRun(text, next);
        }

        if (end < 0)
        {
            end = UpperRun(text, position);
        }

        if (end >= 0)
        {
            return end + UnicodeClass.ContractionLength(text, end, ignoreCase: true) - position;
        }

        if (UnicodeClass.IsNumber(first))
        {
            end = next;
            for (var count = 1; count < 3 && end < text.Length; count++)
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

        var punctuation = Cl100kSplitPattern.PunctuationMatch(text, position, first, next, lineBreaksOrSlash: true);
        return punctuation > 0 ? punctuation : Cl100kSplitPattern.LineBreakOrWhiteSpaceMatch(text, position);
    }

    /// <summary><c>U*L+</c> from <paramref name="start"/>: the end of the match before the optional contraction, or -1.
    /// U* is greedy, so the lower run starts at the last position the upper run can give back that is lower-side.</summary>
    private static int UpperThenLower(ReadOnlySpan<char> text, int start)
    {
        if (start >= text.Length)
        {
            return -1;
        }

        var upperEnd = UnicodeClass.RunEnd(text, start, UnicodeClass.IsUpperSide);
        if (upperEnd < text.Length && UnicodeClass.IsLowerSide(UnicodeClass.RuneAt(text, upperEnd, out _)))
        {
            return UnicodeClass.RunEnd(text, upperEnd, UnicodeClass.IsLowerSide);
        }

        // Backtrack U* one rune at a time; the rune given back must start L+, which then cannot extend past the
        // upper run (the rune after the run is not lower-side, and later runes of the run are not either).
        var i = upperEnd;
        while (i > start)
        {
            i = UnicodeClass.PreviousRuneStart(text, i);
            if (UnicodeClass.IsLowerSide(UnicodeClass.RuneAt(text, i, out var length)))
            {
                return i + length;
            }
        }

        return -1;
    }

    /// <summary><c>U+L*</c> from <paramref name="start"/>: the end before the optional contraction, or -1.</summary>
    private static int UpperRun(ReadOnlySpan<char> text, int start)
    {
        if (start >= text.Length)
        {
            return -1;
        }

        var upperEnd = UnicodeClass.RunEnd(text, start, UnicodeClass.IsUpperSide);
        return upperEnd == start ? -1 : UnicodeClass.RunEnd(text, upperEnd, UnicodeClass.IsLowerSide);
    }
}
