namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// The usual micro-batcher: wait until <see cref="BatchSize"/> queries or the oldest has waited
/// <see cref="Timeout"/>, run that batch to completion, admit nobody meanwhile.
/// </summary>
internal sealed class StaticBatchPolicy(int batchSize, TimeSpan timeout) : IVectorSchedulingPolicy
{
    public string Name => "static";

    public int BatchSize { get; } = batchSize;

    public TimeSpan Timeout { get; } = timeout;

    public AdmissionDecision Admit(IReadOnlyList<ScheduledQuery> waiting, IReadOnlyList<ScheduledQuery> running, DateTimeOffset now)
    {
        if (running.Count > 0 || waiting.Count == 0)
        {
            return new(0, null);
        }

        if (waiting.Count >= BatchSize)
        {
            return new(BatchSize, null);
        }

        var due = waiting[0].Arrival + Timeout;
        return now >= due ? new(waiting.Count, null) : new(0, due);
    }

    public bool IsUrgent(ScheduledQuery query) => true;

    public void Order(List<ScheduledQuery> running, DateTimeOffset now, IScanCostModel cost) =>
        running.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
}
