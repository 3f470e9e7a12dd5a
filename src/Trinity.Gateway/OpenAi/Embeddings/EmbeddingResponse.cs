namespace Trinity.Gateway.OpenAi.Embeddings;

/// <summary>Embeddings of every input, in input order.</summary>
public sealed record EmbeddingResponse
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object { get; init; } = "list";

    /// <summary>One embedding per input.</summary>
    public required IReadOnlyList<EmbeddingData> Data { get; init; }

    /// <summary>The embedding model.</summary>
    public required string Model { get; init; }

    /// <summary>Token counts.</summary>
    public required EmbeddingUsage Usage { get; init; }
}
