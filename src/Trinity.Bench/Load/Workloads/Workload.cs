namespace Trinity.Bench.Load.Workloads;

/// <summary>
/// A serving workload for <c>serve --workload FILE</c>: open-loop arrivals (<see cref="Rate"/> per second for
/// <see cref="DurationS"/>, Poisson or bursty), a weighted mix of request <see cref="Kinds"/>, the SLO class of each, the
/// collections the kinds search, and the gateway settings a launched gateway runs with. Read by
/// <see cref="WorkloadReader"/>; the format is documented in docs/BENCHMARKS.md.
/// </summary>
internal sealed record Workload
{
    public string Name { get; init; } = "workload";

    public string? Description { get; init; }

    /// <summary>Mean arrivals per second.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>Seconds during which requests arrive.</summary>
    public double DurationS { get; init; } = 30;

    /// <summary>Shape of the gamma-distributed gaps between arrivals: 1 is Poisson, below 1 is burstier (the squared
    /// coefficient of variation of the gaps is 1 / burstiness).</summary>
    public double Burstiness { get; init; } = 1;

    /// <summary>Seed of the arrival times, the kinds and the prompts: every policy of a run gets the same sequence.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Requests sent (two at a time, round-robin over the kinds) before measuring: they load collections and
    /// warm the engines and the gateway's TTFT estimate.</summary>
    public int WarmupRequests { get; init; } = 24;

    /// <summary>Sends <c>ignore_eos</c>, so that every request generates exactly its <c>max_tokens</c>.</summary>
    public bool IgnoreEos { get; init; } = true;

    /// <summary>Sends each kind's SLO class as the <c>x-trinity-slo</c> header (the server must define the policy;
    /// <c>--launch</c> does).</summary>
    public bool SloHeader { get; init; } = true;

    /// <summary>SLO classes by name: the targets requests are judged against (and the gateway's policies).</summary>
    public IReadOnlyDictionary<string, WorkloadSlo> Slo { get; init; } = new Dictionary<string, WorkloadSlo>(StringComparer.Ordinal);

    /// <summary>Named prompt lists that kinds can share through <see cref="WorkloadKind.PromptSet"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PromptSets { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    public IReadOnlyList<WorkloadKind> Kinds { get; init; } = [];

    /// <summary>Collections the kinds need, built by the prepare step.</summary>
    public IReadOnlyList<WorkloadCollection> Collections { get; init; } = [];

    /// <summary>Configuration of launched gateways (<c>Trinity:VectorPool:Threads</c> → <c>"1"</c>), identical for every policy.</summary>
    public IReadOnlyDictionary<string, string> Gateway { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The prompts of <paramref name="kind"/> (its own, else its prompt set's).</summary>
    public IReadOnlyList<string> PromptsOf(WorkloadKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Prompts is { Count: > 0 } own ? own : PromptSets[kind.PromptSet!];
    }
}
