namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// Decides, at each iteration boundary, which waiting queries join the running set and in which order running
/// queries get the iteration's budget. Selected by <see cref="Name"/> from configuration (<c>Trinity:VectorPool:Policy</c>).
/// </summary>
internal interface IVectorSchedulingPolicy
{
    /// <summary><c>fifo</c>, <c>static</c> or <c>trinity</c>.</summary>
    string Name { get; }

    /// <summary>How many of the oldest waiting queries join now; when none can, when to ask again.</summary>
    AdmissionDecision Admit(IReadOnlyList<ScheduledQuery> waiting, IReadOnlyList<ScheduledQuery> running, DateTimeOffset now);

    /// <summary>
    /// Whether the query takes all the budget it can, in order, before the others share the rest round-robin.
    /// Run-to-completion policies say yes for every query; <c>trinity</c> for decode-stage queries.
    /// </summary>
    bool IsUrgent(ScheduledQuery query);

    /// <summary>Sorts the running queries, most entitled to the budget first.</summary>
    void Order(List<ScheduledQuery> running, DateTimeOffset now, IScanCostModel cost);
}
