namespace Trinity.Engine.Model.Tokenization.PreTokenizers;

/// <summary>Cuts text into the pieces that BPE merges never cross (Hugging Face's <c>pre_tokenizer</c>).</summary>
internal interface IPreTokenizer
{
    /// <summary>Appends the non-empty pieces of <paramref name="piece"/> to <paramref name="output"/>, in order.</summary>
    void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output);
}
