namespace Trinity.Bench.Simulation;

/// <summary>Placeholder until the mixed-stage workload lands.</summary>
internal static class SchedBenchCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(2);
}
