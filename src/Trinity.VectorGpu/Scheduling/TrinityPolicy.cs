using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// Continuous and stage-aware: every query joins at the next boundary; decode-stage queries go first, then
/// least slack (deadline − now − estimated remaining scan). A long prefill scan is preempted simply by being
/// ordered after the decode queries; its finished slices and partial top-k are kept.
/// </summary>
internal sealed class TrinityPolicy : IVectorSchedulingPolicy
{
    public string Name => "trinity";

    public AdmissionDecision Admit(IReadOnlyList<ScheduledQuery> waiting, IReadOnlyList<ScheduledQuery> running, DateTimeOffset now) =>
        new(waiting.Count, null);

    public bool IsUrgent(ScheduledQuery query) => query.Stage == SearchStage.Decode;

    public void Order(List<ScheduledQuery> running, DateTimeOffset now, IScanCostModel cost)
    {
        var keyed = running.Select(q => (Query: q, Decode: q.Stage == SearchStage.Decode ? 0 : 1, Slack: (q.Deadline - now).TotalSeconds - q.RemainingSeconds(cost))).ToList();
        keyed.Sort(static (a, b) =>
            a.Decode != b.Decode ? a.Decode.CompareTo(b.Decode)
            : a.Slack != b.Slack ? a.Slack.CompareTo(b.Slack)
            : a.Query.Sequence.CompareTo(b.Query.Sequence));
        running.Clear();
        running.AddRange(keyed.Select(k => k.Query));
    }
}
