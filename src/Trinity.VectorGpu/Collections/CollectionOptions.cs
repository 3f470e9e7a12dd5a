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

    /// <summary>SQ8 ranges are learnt once a collection holds this many points (searches read fp32 vectors until then).</summary>
    public int QuantizerTrainPoints { get; init; } = 1000;

    /// <summary>A quantized search re-ranks this many times k of its best candidates (at most its ef) on fp32 vectors.</summary>
    public int RerankFactor { get; init; } = 4;

    /// <summary>
    /// Deleted rows are reclaimed (the collection compacted) once they number at least this many and at least as many
    /// as the live rows, at a write that finds no search of the collection in flight.
    /// </summary>
    public int CompactionMinDeadRows { get; init; } = 1024;
}
