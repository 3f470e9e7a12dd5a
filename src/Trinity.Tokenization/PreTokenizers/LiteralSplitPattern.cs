namespace Trinity.Tokenization.PreTokenizers;

/// <summary>A split on a literal string (<c>"pattern": {"String": ...}</c>).</summary>
internal sealed class LiteralSplitPattern : ISplitPattern
{
    private readonly string _literal;

    public LiteralSplitPattern(string literal)
    {
        if (literal.Length == 0)
        {
            throw new TokenizerFormatException("A Split pre-tokenizer has an empty string pattern.");
        }

        _literal = literal;
    }

    public void FindMatches(ReadOnlySpan<char> text, List<(int Start, int Length)> matches)
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var index = text[offset..].IndexOf(_literal, StringComparison.Ordinal);
            if (index < 0)
            {
                return;
            }

            matches.Add((offset + index, _literal.Length));
            offset += index + _literal.Length;
        }
    }
}
