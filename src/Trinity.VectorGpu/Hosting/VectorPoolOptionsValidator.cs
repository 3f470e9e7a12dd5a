using Microsoft.Extensions.Options;

namespace Trinity.VectorGpu.Hosting;

/// <summary>Fails start-up with a clear message when <c>Trinity:VectorPool</c> is wrong.</summary>
internal sealed class VectorPoolOptionsValidator : IValidateOptions<VectorPoolOptions>
{
    public static readonly string[] Policies = ["fifo", "static", "trinity"];

    public ValidateOptionsResult Validate(string? name, VectorPoolOptions options)
    {
        var failures = new List<string>();
        if (!Policies.Contains(options.Policy, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Trinity:VectorPool:Policy is '{options.Policy}'; expected one of {string.Join(", ", Policies)}");
        }

        if (!Devices.VectorDeviceFactory.IsKnown(options.Device))
        {
            failures.Add($"Trinity:VectorPool:Device is '{options.Device}'; expected one of {string.Join(", ", Devices.VectorDeviceFactory.Names)}");
        }

        Positive(failures, options.IterationBudgetMs, nameof(options.IterationBudgetMs));
        Positive(failures, options.SliceRows, nameof(options.SliceRows));
        Positive(failures, options.StaticBatchSize, nameof(options.StaticBatchSize));
        Positive(failures, options.StaticBatchTimeoutMs, nameof(options.StaticBatchTimeoutMs));
        Positive(failures, options.QueueCapacity, nameof(options.QueueCapacity));
        Positive(failures, options.DecodeDeadlineMs, nameof(options.DecodeDeadlineMs));
        Positive(failures, options.PrefillDeadlineMs, nameof(options.PrefillDeadlineMs));
        Positive(failures, options.DefaultNprobe, nameof(options.DefaultNprobe));
        Positive(failures, options.ScanBytesPerSecond, nameof(options.ScanBytesPerSecond));
        Positive(failures, options.FlopsPerSecond, nameof(options.FlopsPerSecond));
        Positive(failures, options.SnapshotLogBytes, nameof(options.SnapshotLogBytes));
        Positive(failures, options.IvfMinTrainPoints, nameof(options.IvfMinTrainPoints));
        Positive(failures, options.IvfPointsPerCentroid, nameof(options.IvfPointsPerCentroid));
        Positive(failures, options.IvfTrainIterations, nameof(options.IvfTrainIterations));
        Positive(failures, options.MaxPointsPerRequest, nameof(options.MaxPointsPerRequest));
        Positive(failures, options.GraphStepsPerIteration, nameof(options.GraphStepsPerIteration));
        Positive(failures, options.GraphStepChunk, nameof(options.GraphStepChunk));
        Positive(failures, options.QuantizerTrainPoints, nameof(options.QuantizerTrainPoints));
        Positive(failures, options.RerankFactor, nameof(options.RerankFactor));
        Positive(failures, options.CompactionMinDeadRows, nameof(options.CompactionMinDeadRows));
        Positive(failures, options.DecodeIterationBudgetMs, nameof(options.DecodeIterationBudgetMs));
        if (options.DefaultEf is < 1 or > 4096)
        {
            failures.Add($"Trinity:VectorPool:DefaultEf must be 1 to 4096 (is {options.DefaultEf})");
        }
        if (options.IdleSpinMicroseconds is < 0 or > 10_000)
        {
            failures.Add("Trinity:VectorPool:IdleSpinMicroseconds must be 0 to 10000");
        }

        if (options.AnswerSpinMicroseconds is < 0 or > 10_000)
        {
            failures.Add("Trinity:VectorPool:AnswerSpinMicroseconds must be 0 to 10000");
        }

        if (options.Threads < 0)
        {
            failures.Add("Trinity:VectorPool:Threads must be 0 (every core) or more");
        }

        if (options.EmbeddingDimension is < 8 or > 65536)
        {
            failures.Add("Trinity:VectorPool:EmbeddingDimension must be 8 to 65536");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, double value, string field)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            failures.Add($"Trinity:VectorPool:{field} must be a positive number (is {value})");
        }
    }
}
