namespace Trinity.Gateway.Scheduling;

/// <summary>
/// One admitted request's SLO bookkeeping: its deadlines, its place in the TTFT estimator's outstanding work, and
/// the attainment it reaches (TTFT when the first token comes, TPOT = (E2E − TTFT)/(tokens − 1) at the end).
/// </summary>
internal sealed class SloTicket(SloDeadlines deadlines, TtftEstimator estimator, SloMetrics metrics, int promptTokens, long workAtAdmission) : IDisposable
{
    private double? _ttft;
    private int _done;

    public SloDeadlines Deadlines { get; } = deadlines;

    /// <summary>Records the time to first token (seconds since arrival); later calls are ignored.</summary>
    public void FirstToken(double ttftSeconds)
    {
        if (_ttft is not null)
        {
            return;
        }

        _ttft = ttftSeconds;
        metrics.Record(Deadlines.Policy, "ttft", ttftSeconds * 1000 <= Deadlines.Objective.TtftMs);
        Release(ttftSeconds);
    }

    /// <summary>Records the end of generation: <paramref name="e2eSeconds"/> since arrival and the tokens of the longest choice.</summary>
    public void Finished(double e2eSeconds, int outputTokens)
    {
        if (_ttft is not { } ttft || outputTokens < 2)
        {
            return;
        }

        var tpotMs = (e2eSeconds - ttft) * 1000 / (outputTokens - 1);
        metrics.Record(Deadlines.Policy, "tpot", tpotMs <= Deadlines.Objective.TpotMs);
    }

    public void Dispose() => Release(null);

    private void Release(double? ttftSeconds)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            estimator.Done(promptTokens, workAtAdmission, ttftSeconds);
        }
    }
}
