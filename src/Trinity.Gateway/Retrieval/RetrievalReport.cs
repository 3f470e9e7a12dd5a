namespace Trinity.Gateway.Retrieval;

/// <summary>What retrieval did for a request (<c>trinity.retrieval</c>).</summary>
public sealed record RetrievalReport
{
    public required string Collection { get; init; }

    public required string Mode { get; init; }

    public required IReadOnlyList<RetrievedChunk> Chunks { get; init; }

    /// <summary>Time of the retrieval before prefill.</summary>
    public double Ms { get; init; }
}
