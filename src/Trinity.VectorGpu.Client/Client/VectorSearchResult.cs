namespace Trinity.VectorGpu.Client;

/// <summary>The answer to one search, best hit first.</summary>
public sealed record VectorSearchResult
{
    /// <summary>Up to k hits, best first.</summary>
    public required IReadOnlyList<VectorHit> Results { get; init; }
}
