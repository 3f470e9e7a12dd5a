using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Embeddings;

/// <summary>The embedding of one input.</summary>
public sealed record EmbeddingData
{
    /// <summary>Always <c>embedding</c>.</summary>
    public string Object { get; init; } = "embedding";

    /// <summary>Position of the input.</summary>
    public required int Index { get; init; }

    /// <summary>Floats, or base64 of little-endian float32 bytes.</summary>
    public required EmbeddingVector Embedding { get; init; }
}
