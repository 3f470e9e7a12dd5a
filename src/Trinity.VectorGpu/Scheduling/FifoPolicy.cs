namespace Trinity.VectorGpu.Scheduling;

/// <summary>Run to completion in arrival order: the oldest query takes the budget first, later ones get what is left.</summary>
internal sealed class FifoPolicy : IVectorSchedulingPolicy
{
    public string Name => "fifo";

    public AdmissionDecision Admit(IReadOnlyList<ScheduledQuery> waiting, IReadOnlyList<ScheduledQuery> running, DateTimeOffset now) =>
        new(waiting.Count, null);

    public bool IsUrgent(ScheduledQuery query) => true;

    public void Order(List<ScheduledQuery> running, DateTimeOffset now, IScanCostModel cost) =>
        running.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
}
