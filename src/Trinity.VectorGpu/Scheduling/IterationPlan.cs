namespace Trinity.VectorGpu.Scheduling;

/// <summary>What one iteration runs: slices with their queries, grouped so that equal slices are read once.</summary>
internal sealed class IterationPlan
{
    public IterationPlan(int number, DateTimeOffset startedAt)
    {
        Number = number;
        StartedAt = startedAt;
    }

    public int Number { get; }

    public DateTimeOffset StartedAt { get; }

    public List<PlannedSlice> Slices { get; } = [];

    /// <summary>Walks advanced in this iteration, with the steps granted to each.</summary>
    public Dictionary<ScheduledQuery, int> Steps { get; } = [];

    /// <summary>Distinct queries with at least one slice in this iteration.</summary>
    public HashSet<ScheduledQuery> Queries { get; } = [];

    /// <summary>The part of <see cref="EstimatedSeconds"/> spent on walk steps.</summary>
    public double StepEstimatedSeconds { get; set; }

    /// <summary>The cost model's estimate of the iteration, in seconds.</summary>
    public double EstimatedSeconds { get; set; }

    public bool IsEmpty => Slices.Count == 0 && Steps.Count == 0;
}
