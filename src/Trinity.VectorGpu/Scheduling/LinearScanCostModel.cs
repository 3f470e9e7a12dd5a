namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// Scan time = bytes read once / bandwidth + multiply-adds for every query / compute rate. Batching queries over
/// one slice pays the read once, which is why the scheduler groups equal slices.
/// </summary>
internal sealed class LinearScanCostModel(double bytesPerSecond, double flopsPerSecond) : IScanCostModel
{
    public double BytesPerSecond { get; } = bytesPerSecond;

    public double FlopsPerSecond { get; } = flopsPerSecond;

    public double SliceSeconds(int rows, int stride, int queries)
    {
        var elements = (double)rows * stride;
        return (elements * sizeof(float) / BytesPerSecond) + (2.0 * elements * queries / FlopsPerSecond);
    }
}
