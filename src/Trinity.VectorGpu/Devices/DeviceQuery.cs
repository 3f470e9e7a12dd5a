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

    /// <summary>
    /// Whether <see cref="Accept"/> only tells live rows from deleted ones (no payload filter). A device that keeps
    /// its own liveness mask per source (the ILGPU device) may then use that mask instead of asking per row; false,
    /// the safe default, makes it evaluate <see cref="Accept"/> for every row it scans.
    /// </summary>
    public bool LivenessOnly { get; init; }

    /// <summary>The LLM stage the query blocks: a device with prioritised streams runs decode-stage work on the urgent one.</summary>
    public SearchStage Stage { get; init; } = SearchStage.Prefill;

    /// <summary>Guards <see cref="Heap"/> while device threads merge into it.</summary>
    public Lock Sync { get; } = new();
}
