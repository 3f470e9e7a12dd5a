namespace Trinity.VectorGpu.Scheduling;

/// <summary>What an iteration finished: completed queries (slices all done, or cancelled) and how many running queries it preempted.</summary>
internal sealed record IterationOutcome(IReadOnlyList<ScheduledQuery> Completed, IReadOnlyList<ScheduledQuery> Cancelled, int Preempted);
