namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// Scan time = bytes read once / bandwidth + multiply-adds for every query / compute rate, times a correction
/// learnt from measured iterations (<see cref="Observe"/>), so that the iteration budget holds on a busy machine as
/// on an idle one. Batching queries over one slice pays the read once, which is why the scheduler groups equal slices.
/// </summary>
internal sealed class LinearScanCostModel(double bytesPerSecond, double flopsPerSecond) : IScanCostModel
{
    private double _scale = 1;
    private double _stepScale = 1;

    public double BytesPerSecond { get; } = bytesPerSecond;

    public double FlopsPerSecond { get; } = flopsPerSecond;

    /// <summary>Measured / predicted, smoothed.</summary>
    public double Scale => Volatile.Read(ref _scale);

    public double SliceSeconds(int rows, int stride, int queries)
    {
        var elements = (double)rows * stride;
        return Scale * ((elements * sizeof(float) / BytesPerSecond) + (2.0 * elements * queries / FlopsPerSecond));
    }

    /// <summary>Measured / predicted for walk steps, learnt apart: scattered reads cost a scan's rate several times over.</summary>
    public double StepScale => Volatile.Read(ref _stepScale);

    public double StepSeconds(int rows, int stride) =>
        StepScale * (((double)rows * stride * sizeof(float) / BytesPerSecond) + (2.0 * rows * stride / FlopsPerSecond));

    /// <summary>Folds an iteration's predicted and measured walk seconds into the step correction (bounded to ¼…64).</summary>
    public void ObserveSteps(double predictedSeconds, double measuredSeconds)
    {
        if (predictedSeconds <= 0 || measuredSeconds <= 0)
        {
            return;
        }

        var ratio = measuredSeconds / (predictedSeconds / StepScale);
        Volatile.Write(ref _stepScale, Math.Clamp((0.8 * StepScale) + (0.2 * ratio), 0.25, 64));
    }

    /// <summary>Folds one iteration's predicted and measured seconds into the correction (bounded to ¼…8).</summary>
    public void Observe(double predictedSeconds, double measuredSeconds)
    {
        if (predictedSeconds <= 0 || measuredSeconds <= 0)
        {
            return;
        }

        var ratio = measuredSeconds / (predictedSeconds / Scale);
        Volatile.Write(ref _scale, Math.Clamp((0.8 * Scale) + (0.2 * ratio), 0.25, 8));
    }
}
