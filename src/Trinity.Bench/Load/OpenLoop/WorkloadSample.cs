namespace Trinity.Bench.Load.OpenLoop;

/// <summary>
/// What one request of an open-loop run measured, in milliseconds from its <em>scheduled</em> arrival (so that a late
/// sender counts against the measurement, not for it). <see cref="Status"/> is the HTTP status (0 when none came);
/// <see cref="Error"/> is set for every request that did not stream to <c>[DONE]</c>, refusals included.
/// </summary>
internal readonly record struct WorkloadSample(
    int Index,
    string Kind,
    int Status,
    double TtftMs,
    double E2eMs,
    int OutputTokens,
    string? Error,
    string? CacheStatus = null,
    double? RetrievalMs = null,
    double SendLagMs = 0)
{
    /// <summary>Refused by admission control (429).</summary>
    public bool Refused => Status == 429;

    /// <summary>Streamed to the end with at least one token of text.</summary>
    public bool Completed => Error is null;

    /// <summary>(E2E − TTFT) / (output tokens − 1); null for a failed request or one with a single token.</summary>
    public double? TpotMs => Completed && OutputTokens > 1 ? (E2eMs - TtftMs) / (OutputTokens - 1) : null;
}
