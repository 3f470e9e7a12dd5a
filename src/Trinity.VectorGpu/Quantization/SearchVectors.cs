using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Quantization;

/// <summary>
/// The vectors a graph search reads, in one storage format (fp32, fp16 or SQ8 codes), by row. Distances follow
/// the scans' convention: squared L2 for <c>l2</c>, minus the dot product for <c>ip</c> and <c>cosine</c>; smaller is better.
/// Written only under the collection's lock; read by searches that hold it.
/// </summary>
internal abstract unsafe class SearchVectors
{
    protected SearchVectors(int dimension, VectorMetric metric)
    {
        Dimension = dimension;
        Metric = metric;
    }

    public int Dimension { get; }

    public VectorMetric Metric { get; }

    /// <summary>Bytes read per vector by a distance: what the cost model charges a graph expansion.</summary>
    public abstract int BytesPerVector { get; }

    /// <summary>Heap bytes held.</summary>
    public abstract long MemoryBytes { get; }

    /// <summary>Whether distances are exact (fp32) rather than approximate codes.</summary>
    public abstract bool IsExact { get; }

    /// <summary>The code layout, null for fp32 (the store itself).</summary>
    public virtual CodeFormat? Format => null;

    /// <summary>First code byte (pinned; moves when the codes grow, so read it again after every write).</summary>
    public virtual byte* Codes => null;

    /// <summary>Squared norms of the decoded vectors by row.</summary>
    public virtual float[]? CodeNorms => null;

    /// <summary>Stores (or overwrites) the vector of <paramref name="row"/>; the fp32 store encodes nothing.</summary>
    public abstract void Set(int row, ReadOnlySpan<float> padded);

    public abstract PreparedQuery Prepare(float[] padded);

    /// <summary>Distances from <paramref name="query"/> to the vectors of <paramref name="rows"/>, prefetching ahead.</summary>
    public abstract void Distances(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> distances);

    /// <summary>The distance from a prepared query's squared norm, a vector's squared norm and their dot product.</summary>
    protected float Combine(float dot, float rowNorm, float queryNorm) =>
        Metric == VectorMetric.L2 ? rowNorm - (2f * dot) + queryNorm : -dot;

    protected static float SquaredNormOf(float[] padded)
    {
        fixed (float* p = padded)
        {
            return Devices.Cpu.DotKernel.Dot(p, p, padded.Length);
        }
    }
}
