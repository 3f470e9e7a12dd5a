namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Hugging Face's <c>Metaspace</c>: spaces become the replacement character (<c>▁</c>), which is prepended
/// per <c>prepend_scheme</c> (always; first: only to the text's first piece; never) unless already there, and with
/// <c>split</c> the text is cut before each replacement character.</summary>
internal sealed class MetaspacePreTokenizer : IPreTokenizer
{
    private readonly char _replacement;
    private readonly MetaspacePrependScheme _scheme;
    private readonly bool _split;

    public MetaspacePreTokenizer(char replacement, MetaspacePrependScheme scheme, bool split)
    {
        _replacement = replacement;
        _scheme = scheme;
        _split = split;
    }

    public void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output) => Split(piece, startsText: true, output);

    public void Split(ReadOnlyMemory<char> piece, bool startsText, List<ReadOnlyMemory<char>> output)
    {
        var span = piece.Span;
        var prepend = _scheme switch
        {
            MetaspacePrependScheme.Always => true,
            MetaspacePrependScheme.First => startsText,
            _ => false,
        };
        var replaced = span.Contains(' ');
        prepend &= !span.IsEmpty && span[0] != ' ' && span[0] != _replacement;
        if (replaced || prepend)
        {
            var text = string.Create(span.Length + (prepend ? 1 : 0), (Source: piece, Prepend: prepend, Replacement: _replacement), static (chars, state) =>
            {
                var offset = 0;
                if (state.Prepend)
                {
                    chars[0] = state.Replacement;
                    offset = 1;
                }

                state.Source.Span.Replace(chars[offset..], ' ', state.Replacement);
            });
            piece = text.AsMemory();
        }

        if (piece.IsEmpty)
        {
            return;
        }

        if (!_split)
        {
            output.Add(piece);
            return;
        }

        // MergedWithNext: each replacement character opens a new piece.
        span = piece.Span;
        var start = 0;
        for (var i = 1; i < span.Length; i++)
        {
            if (span[i] == _replacement)
            {
                output.Add(piece[start..i]);
                start = i;
            }
        }

        output.Add(piece[start..]);
    }
}
