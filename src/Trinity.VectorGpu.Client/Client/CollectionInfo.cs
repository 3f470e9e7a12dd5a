namespace Trinity.VectorGpu.Client;

/// <summary>A collection as reported by the list and get calls.</summary>
public sealed record CollectionInfo
{
    /// <summary>Collection name.</summary>
    public required string Name { get; init; }

    /// <summary>Length of every vector.</summary>
    public required int Dimension { get; init; }

    /// <summary>Comparison.</summary>
    public required VectorMetric Metric { get; init; }

    /// <summary>Index kind.</summary>
    public required IndexKind Index { get; init; }

    /// <summary>Number of points.</summary>
    public required long Count { get; init; }

    /// <summary>Bytes of memory held by vectors, norms and index.</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>IVF lists in use (0 while the collection is too small to train and is searched exactly).</summary>
    public int? Nlist { get; init; }

    /// <summary>How vectors are held for searching.</summary>
    public VectorStorage Storage { get; init; }

    /// <summary>Graph: neighbours per point (2·m).</summary>
    public int? GraphDegree { get; init; }
}
