namespace Trinity.Gateway.Retrieval;

/// <summary>A model's retrieval defaults, used when a request asks for retrieval without naming everything, or (with
/// <see cref="Always"/>) when it does not ask at all.</summary>
public sealed record RetrievalDefaults
{
    public string? Collection { get; init; }

    public int? K { get; init; }

    public string? Mode { get; init; }

    public int? IntervalTokens { get; init; }

    /// <summary>Retrieve for every chat request of the model, unless the request sets <c>retrieval</c> itself.</summary>
    public bool Always { get; init; }
}
