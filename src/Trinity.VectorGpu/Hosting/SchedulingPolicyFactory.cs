using Trinity.VectorGpu.Scheduling;

namespace Trinity.VectorGpu.Hosting;

/// <summary>Builds the configured policy and the scheduler around it.</summary>
internal static class SchedulingPolicyFactory
{
    public static IVectorSchedulingPolicy Create(VectorPoolOptions options) => options.Policy.ToLowerInvariant() switch
    {
        "fifo" => new FifoPolicy(),
        "static" => new StaticBatchPolicy(options.StaticBatchSize, TimeSpan.FromMilliseconds(options.StaticBatchTimeoutMs)),
        "trinity" => new TrinityPolicy(),
        _ => throw new ArgumentException($"unknown vector pool policy '{options.Policy}'", nameof(options)),
    };

    public static VectorScheduler CreateScheduler(VectorPoolOptions options, LinearScanCostModel cost, TimeProvider time) => new(
        Create(options),
        cost,
        TimeSpan.FromMilliseconds(options.IterationBudgetMs),
        time,
        options.GraphStepsPerIteration,
        options.GraphStepChunk,
        TimeSpan.FromMilliseconds(options.DecodeIterationBudgetMs));
}
