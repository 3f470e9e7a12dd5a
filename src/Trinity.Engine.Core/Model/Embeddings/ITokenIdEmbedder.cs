namespace Trinity.Engine.Model.Embeddings;

/// <summary>An embedder that can also embed pre-tokenised input (ids of its own tokenizer), as <c>/v1/embeddings</c>
/// allows. Embedders without a tokenizer of their own do not implement it.</summary>
public interface ITokenIdEmbedder
{
    /// <summary>Number of ids the embedder's tokenizer can produce.</summary>
    int VocabSize { get; }

    /// <summary>Embeds <paramref name="ids"/> into <paramref name="destination"/> and returns the number of tokens used.</summary>
    int EmbedTokens(ReadOnlySpan<int> ids, Span<float> destination);
}
