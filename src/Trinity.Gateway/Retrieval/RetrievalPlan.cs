namespace Trinity.Gateway.Retrieval;

/// <summary>What to retrieve for one request: resolved from its <c>retrieval</c> field and the model's defaults.</summary>
/// <param name="Collection">Collection to search.</param>
/// <param name="K">Chunks per search.</param>
/// <param name="Interval">Whether the decode engine also searches every <paramref name="IntervalTokens"/> tokens.</param>
/// <param name="IntervalTokens">Generated tokens between decode-stage searches.</param>
internal sealed record RetrievalPlan(string Collection, int K, bool Interval, int IntervalTokens)
{
    public string Mode => Interval ? "interval" : "once";
}
