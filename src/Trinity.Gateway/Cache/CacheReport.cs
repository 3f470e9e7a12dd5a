namespace Trinity.Gateway.Cache;

/// <summary>What the answer cache did for a request (<c>trinity.cache</c>).</summary>
public sealed record CacheReport
{
    /// <summary>hit, miss or bypass (disabled for the request or not cacheable).</summary>
    public required string Status { get; init; }

    /// <summary>exact or semantic, for hits.</summary>
    public string? Tier { get; init; }

    /// <summary>Cosine similarity of a semantic hit.</summary>
    public double? Score { get; init; }

    /// <summary>Time of the lookup.</summary>
    public double? Ms { get; init; }
}
