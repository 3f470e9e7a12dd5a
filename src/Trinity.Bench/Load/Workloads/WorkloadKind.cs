namespace Trinity.Bench.Load.Workloads;

/// <summary>One kind of request of a workload: how often it comes (<see cref="Weight"/>), its SLO class, how long it
/// generates, what it asks, and the Trinity extensions it uses (retrieval, answer cache).</summary>
internal sealed record WorkloadKind
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Relative frequency among the kinds.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Name of a class of <see cref="Workload.Slo"/>.</summary>
    public string Slo { get; init; } = string.Empty;

    public int MaxTokens { get; init; } = 32;

    /// <summary>User messages, one picked per request (uniformly, seeded).</summary>
    public IReadOnlyList<string>? Prompts { get; init; }

    /// <summary>Name of a list of <see cref="Workload.PromptSets"/>, used when <see cref="Prompts"/> is absent.</summary>
    public string? PromptSet { get; init; }

    /// <summary>Optional system message.</summary>
    public string? System { get; init; }

    /// <summary>The chat request's <c>retrieval</c> object; absent: no retrieval.</summary>
    public WorkloadRetrieval? Retrieval { get; init; }

    /// <summary>The chat request's <c>answer_cache</c> object; absent: the kind sends <c>{"enabled": false}</c>, so that
    /// only kinds that ask for it are answered from the cache.</summary>
    public WorkloadAnswerCache? AnswerCache { get; init; }
}
