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
}
