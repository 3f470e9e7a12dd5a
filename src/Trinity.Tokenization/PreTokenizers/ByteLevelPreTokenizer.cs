namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Hugging Face's <c>ByteLevel</c> pre-tokenizer: an optional leading space and, with <c>use_regex</c>, the
/// GPT-2 split. The byte → character mapping itself happens in the BPE model, which works on UTF-8 bytes.</summary>
internal sealed class ByteLevelPreTokenizer : IPreTokenizer
{
    private static readonly SplitPreTokenizer Gpt2Split = new(Gpt2SplitPattern.Instance, SplitBehavior.Isolated, invert: false);

    private readonly bool _addPrefixSpace;
    private readonly bool _useRegex;

    public ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex)
    {
        _addPrefixSpace = addPrefixSpace;
        _useRegex = useRegex;
    }

    public void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output)
    {
        if (_addPrefixSpace && !piece.Span.StartsWith(' '))
        {
            piece = string.Concat(" ", piece.Span).AsMemory();
        }

        if (_useRegex)
        {
            Gpt2Split.Split(piece, output);
        }
        else if (!piece.IsEmpty)
        {
            output.Add(piece);
        }
    }
}
