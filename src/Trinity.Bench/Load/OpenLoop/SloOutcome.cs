using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.OpenLoop;

/// <summary>How one request fared against its class's targets. A request that did not complete (refused with 429,
/// failed, cut off) meets neither; a completed request with a single token meets TPOT by definition.</summary>
internal readonly record struct SloOutcome(bool TtftMet, bool TpotMet)
{
    public bool Met => TtftMet && TpotMet;

    public static SloOutcome Of(WorkloadSample sample, WorkloadSlo target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!sample.Completed)
        {
            return new SloOutcome(false, false);
        }

        return new SloOutcome(sample.TtftMs <= target.TtftMs, (sample.TpotMs ?? 0) <= target.TpotMs);
    }
}
