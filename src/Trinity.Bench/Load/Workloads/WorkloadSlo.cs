namespace Trinity.Bench.Load.Workloads;

/// <summary>An SLO class: time to first token and time per output token targets in milliseconds.</summary>
internal sealed record WorkloadSlo
{
    public double TtftMs { get; init; }

    public double TpotMs { get; init; }
}
