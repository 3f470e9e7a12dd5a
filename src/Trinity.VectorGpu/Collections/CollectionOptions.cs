namespace Trinity.VectorGpu.Collections;

/// <summary>Storage and indexing knobs of every collection (bound from <c>Trinity:VectorPool</c>).</summary>
internal sealed record CollectionOptions
{
    /// <summary>Log size that triggers a snapshot and log truncation.</summary>
    public long SnapshotLogBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>IVF collections below this many points are searched exactly (no centroids yet).</summary>
    public int IvfMinTrainPoints { get; init; } = 1024;

    /// <summary>k-means sample size per centroid.</summary>
    public int IvfPointsPerCentroid { get; init; } = 64;

    /// <summary>k-means iterations.</summary>
    public int IvfTrainIterations { get; init; } = 10;
}
