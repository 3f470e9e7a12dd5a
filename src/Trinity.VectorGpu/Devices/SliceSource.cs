using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Devices;

/// <summary>
/// A contiguous, row-major block of vectors a device can scan: a flat collection's store or one IVF list.
/// The owner rewrites the fields when it grows, under its collection's lock, which the pool holds while a
/// device executes, so a device always sees a consistent block.
/// </summary>
internal sealed unsafe class SliceSource
{
    public SliceSource(int dimension, int stride, VectorMetric metric)
    {
        Dimension = dimension;
        Stride = stride;
        Metric = metric;
    }

    public int Dimension { get; }

    /// <summary>Floats between consecutive vectors: the dimension rounded up to 16 (zero-padded), 64-byte rows.</summary>
    public int Stride { get; }

    public VectorMetric Metric { get; }

    /// <summary>First vector, 64-byte aligned.</summary>
    public float* Vectors { get; set; }

    /// <summary>Squared norm per position (used by <c>l2</c>).</summary>
    public float[] SquaredNorms { get; set; } = [];

    /// <summary>Collection row of each position; null when position = row. A negative entry is a removed position.</summary>
    public int[]? RowIds { get; set; }

    /// <summary>
    /// When set, the block is also (for an IVF list of a quantized collection: only) held as codes in this format at
    /// <see cref="Codes"/>, and scans read those, decoded, with <see cref="CodeNorms"/>: approximate distances that
    /// the collection re-ranks on fp32. <see cref="Vectors"/> may then be null.
    /// </summary>
    public Quantization.CodeFormat? Format { get; set; }

    /// <summary>First code byte, <see cref="Quantization.CodeFormat.CodeBytes"/> per position.</summary>
    public byte* Codes { get; set; }

    /// <summary>Squared norm of each position's decoded vector.</summary>
    public float[]? CodeNorms { get; set; }

    /// <summary>Positions in use.</summary>
    public int Count { get; set; }

    /// <summary>In-place changes, for devices that keep a copy of the block (appends show as a larger <see cref="Count"/>).</summary>
    public SourceJournal Journal { get; } = new();

    /// <summary>Row held at <paramref name="position"/>, or −1 when the position was removed.</summary>
    public int RowAt(int position) => RowIds is { } ids ? ids[position] : position;
}
