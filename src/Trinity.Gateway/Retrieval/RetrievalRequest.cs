namespace Trinity.Gateway.Retrieval;

/// <summary>The chat request's <c>retrieval</c> extension: ground the answer in a collection of the vector pool.</summary>
public sealed record RetrievalRequest
{
    /// <summary>Collection to search (default: the model's configured collection).</summary>
    public string? Collection { get; init; }

    /// <summary>Chunks to retrieve per search, 1 to 64.</summary>
    public int? K { get; init; }

    /// <summary><c>once</c> (before prefill) or <c>interval</c> (also every <see cref="IntervalTokens"/> generated tokens,
    /// by the decode engine, with the decode stage's deadline).</summary>
    public string? Mode { get; init; }

    /// <summary>Generated tokens between two retrievals in <c>interval</c> mode, 1 to 4096.</summary>
    public int? IntervalTokens { get; init; }
}
