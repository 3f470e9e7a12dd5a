using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Devices;

/// <summary>
/// One query as a device sees it: the prepared vector (normalised for cosine, zero-padded to the stride),
/// its partial top-k, which lives across iterations, and the row predicate (live rows, payload filter).
/// </summary>
internal sealed class DeviceQuery
{
    public DeviceQuery(float[] vector, VectorMetric metric, int k, Func<int, bool> accept)
    {
        Vector = vector;
        Metric = metric;
        Heap = new TopKHeap(k);
        Accept = accept;
        float norm = 0;
        foreach (var x in vector)
        {
            norm += x * x;
        }

        SquaredNorm = norm;
    }

    public float[] Vector { get; }

    public VectorMetric Metric { get; }

    public float SquaredNorm { get; }

    public TopKHeap Heap { get; }

    /// <summary>Whether a row may be returned: still live and matching the filter.</summary>
    public Func<int, bool> Accept { get; }

    /// <summary>Guards <see cref="Heap"/> while device threads merge into it.</summary>
    public Lock Sync { get; } = new();
}
