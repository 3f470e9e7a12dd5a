namespace Trinity.VectorGpu.Client;

/// <summary>What a new collection looks like (<c>POST /v1/collections</c>).</summary>
public sealed record CollectionSpec
{
    /// <summary>Name, <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Length of every vector, 1 to 65,536.</summary>
    public int Dimension { get; init; }

    /// <summary>Comparison; <c>cosine</c> when omitted.</summary>
    public VectorMetric Metric { get; init; } = VectorMetric.Cosine;

    /// <summary>Index; <c>flat</c> when omitted.</summary>
    public IndexKind Index { get; init; } = IndexKind.Flat;

    /// <summary>IVF list count; omitted: chosen from the collection's size at each retraining (about 2·√n).</summary>
    public int? Nlist { get; init; }

    /// <summary>Graph: neighbours kept per point are 2·<c>m</c> (hnswlib's bottom layer); 16 when omitted, 2 to 64.</summary>
    public int? M { get; init; }

    /// <summary>Graph: beam width while inserting; 200 when omitted, 8 to 4096.</summary>
    public int? EfConstruction { get; init; }

    /// <summary>How vectors are held for searching; <c>fp32</c> when omitted.</summary>
    public VectorStorage Storage { get; init; } = VectorStorage.Fp32;

    /// <summary>Where the exact (fp32) vectors of a quantized collection live for re-ranking; <c>disk</c> when omitted.</summary>
    public RerankSource? Rerank { get; init; }
}
