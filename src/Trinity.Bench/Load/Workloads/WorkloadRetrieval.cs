namespace Trinity.Bench.Load.Workloads;

/// <summary>The <c>retrieval</c> object a kind sends: <c>once</c> searches before prefill (stage prefill, TTFT
/// deadline); <c>interval</c> also searches every <see cref="IntervalTokens"/> generated tokens (stage decode, TPOT
/// deadline).</summary>
internal sealed record WorkloadRetrieval
{
    public string Collection { get; init; } = string.Empty;

    public int K { get; init; } = 4;

    public string Mode { get; init; } = "once";

    public int? IntervalTokens { get; init; }
}
