namespace Trinity.Tokenization;

/// <summary>A stretch of input: plain text to pre-tokenize, or an added token already recognised.</summary>
/// <param name="Text">The text (empty for a token).</param>
/// <param name="TokenId">The added token's id, or -1 for text.</param>
internal readonly record struct TextSegment(ReadOnlyMemory<char> Text, int TokenId)
{
    public bool IsToken => TokenId >= 0;
}
