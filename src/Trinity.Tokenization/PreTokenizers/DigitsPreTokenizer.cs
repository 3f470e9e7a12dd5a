namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Hugging Face's <c>Digits</c>: ASCII digits become their own pieces, one per digit or one per run.</summary>
internal sealed class DigitsPreTokenizer : IPreTokenizer
{
    private readonly bool _individualDigits;

    public DigitsPreTokenizer(bool individualDigits) => _individualDigits = individualDigits;

    public void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output)
    {
        var span = piece.Span;
        var start = 0;
        while (start < span.Length)
        {
            var isDigit = char.IsAsciiDigit(span[start]);
            var end = start + 1;
            if (!isDigit || !_individualDigits)
            {
                while (end < span.Length && char.IsAsciiDigit(span[end]) == isDigit)
                {
                    end++;
                }
            }

            output.Add(piece[start..end]);
            start = end;
        }
    }
}
