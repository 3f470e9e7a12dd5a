namespace Trinity.Gateway.Retrieval;

/// <summary>What to retrieve for one request: resolved from its <c>retrieval</c> field and the model's defaults.</summary>
/// <param name="Collection">Collection to search: the pool's name (a tenant's collections carry its prefix).</param>
/// <param name="K">Chunks per search.</param>
/// <param name="Interval">Whether the decode engine also searches every <paramref name="IntervalTokens"/> tokens.</param>
/// <param name="IntervalTokens">Generated tokens between decode-stage searches.</param>
internal sealed record RetrievalPlan(string Collection, int K, bool Interval, int IntervalTokens)
{
    public string Mode => Interval ? "interval" : "once";

    /// <summary>The collection as the client named it (reports and errors use it; the pool's name stays inside).</summary>
    public string Name => ClientName ?? Collection;

    /// <summary>Set when the client's name differs from the pool's.</summary>
    public string? ClientName { get; init; }
}
