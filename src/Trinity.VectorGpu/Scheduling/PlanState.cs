namespace Trinity.VectorGpu.Scheduling;

/// <summary>The iteration being planned: its budget, the slices it already reads, and whether new slices still fit.</summary>
internal sealed class PlanState(IterationPlan plan, double budget)
{
    public IterationPlan Plan { get; } = plan;

    public double Budget { get; } = budget;

    public Dictionary<ScanSlice, PlannedSlice> Groups { get; } = [];

    /// <summary><see cref="Groups"/> in creation order, so a query is offered each group once per iteration.</summary>
    public List<PlannedSlice> Created { get; } = [];

    public bool Full { get; set; }
}
