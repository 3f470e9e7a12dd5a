namespace Trinity.Tokenization.PreTokenizers;

/// <summary>GPT-2's pattern (also ByteLevel's built-in one), run code point by code point with the regex's exact
/// leftmost-first, backtracking semantics.</summary>
internal sealed class Gpt2SplitPattern : ISplitPattern
{
    /// <summary>The pattern as it appears in tokenizer.json files and tiktoken's gpt2/r50k encodings.</summary>
    public const string Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static Gpt2SplitPattern Instance { get; } = new();

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
        var contraction = UnicodeClass.ContractionLength(text, position, ignoreCase: false);
        if (contraction > 0)
        {
            return contraction;
        }

        // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: a space can only lead a run it does not itself belong to.
        var start = text[position] == ' ' && position + 1 < text.Length ? position + 1 : position;
        var first = UnicodeClass.RuneAt(text, start, out _);
        if (UnicodeClass.IsLetter(first))
        {
            return UnicodeClass.RunEnd(text, start, UnicodeClass.IsLetter) - position;
        }

        if (UnicodeClass.IsNumber(first))
        {
            return UnicodeClass.RunEnd(text, start, UnicodeClass.IsNumber) - position;
        }

        if (UnicodeClass.IsOther(first))
        {
            return UnicodeClass.RunEnd(text, start, UnicodeClass.IsOther) - position;
        }

        return WhiteSpaceMatch(text, position);
    }

    /// <summary><c>\s+(?!\S)|\s+</c>: a run of white space leaves its last character to the word that follows.</summary>
    internal static int WhiteSpaceMatch(ReadOnlySpan<char> text, int position)
    {
        var end = UnicodeClass.RunEnd(text, position, UnicodeClass.IsWhiteSpace);
        var run = end - position;
        if (end == text.Length || run == 1)
        {
            return run;
        }

        return run - (end - UnicodeClass.PreviousRuneStart(text, end));
    }
}
