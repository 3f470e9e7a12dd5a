namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Cuts text into the pieces that BPE merges never cross (Hugging Face's <c>pre_tokenizer</c>).</summary>
internal interface IPreTokenizer
{
    /// <summary>Appends the non-empty pieces of <paramref name="piece"/> to <paramref name="output"/>, in order.</summary>
    void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output);

    /// <summary>As <see cref="Split(ReadOnlyMemory{char}, List{ReadOnlyMemory{char}})"/>, told whether
    /// <paramref name="piece"/> starts the original text (not after an added token): Metaspace's
    /// <c>prepend_scheme: "first"</c> prefixes only that piece.</summary>
    void Split(ReadOnlyMemory<char> piece, bool startsText, List<ReadOnlyMemory<char>> output) => Split(piece, output);
}
