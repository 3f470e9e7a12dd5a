namespace Trinity.Tokenization;

/// <summary>The <c>model</c> of a BPE tokenizer.json: turns one pre-token into ids.</summary>
internal interface IBpeModel
{
    /// <summary>Appends the ids of one pre-token to <paramref name="output"/>.</summary>
    void Encode(ReadOnlySpan<char> piece, List<int> output);
}
