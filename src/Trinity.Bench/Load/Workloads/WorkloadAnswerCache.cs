namespace Trinity.Bench.Load.Workloads;

/// <summary>The <c>answer_cache</c> object a kind sends.</summary>
internal sealed record WorkloadAnswerCache
{
    public bool Enabled { get; init; } = true;

    /// <summary>Cosine similarity of a semantic hit; null keeps the server's default.</summary>
    public double? Threshold { get; init; }
}
