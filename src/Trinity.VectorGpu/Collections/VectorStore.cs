using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Collections;

/// <summary>
/// Every vector of a collection by row, contiguous and 64-byte aligned, with squared norms precomputed for
/// <c>l2</c> (‖x‖² − 2x·q + ‖q‖²) and cosine vectors normalised on the way in. Rows are never moved while the
/// process runs (a deleted row stays a dead slot), so a scan that spans iterations never sees a row twice.
/// </summary>
internal sealed unsafe class VectorStore
{
    private AlignedFloatBuffer _buffer;

    public VectorStore(int dimension, VectorMetric metric, int initialCapacity = 1024)
    {
        Dimension = dimension;
        Stride = StrideFor(dimension);
        Source = new SliceSource(dimension, Stride, metric);
        Capacity = Math.Max(16, initialCapacity);
        _buffer = new AlignedFloatBuffer((long)Capacity * Stride);
        Source.Vectors = _buffer.Pointer;
        Source.SquaredNorms = new float[Capacity];
    }

    public int Dimension { get; }

    public int Stride { get; }

    public int Capacity { get; private set; }

    /// <summary>Rows allocated so far (live or dead).</summary>
    public int Count => Source.Count;

    /// <summary>The store as a scannable block; position = row.</summary>
    public SliceSource Source { get; }

    public long MemoryBytes => (_buffer.Length * sizeof(float)) + ((long)Capacity * sizeof(float));

    public static int StrideFor(int dimension) => (dimension + 15) / 16 * 16;

    /// <summary>Appends a row and returns its number. <paramref name="vector"/> is already prepared (normalised for cosine).</summary>
    public int Append(ReadOnlySpan<float> vector)
    {
        if (Count == Capacity)
        {
            Grow();
        }

        var row = Count;
        Source.Count = row + 1;
        Set(row, vector);
        return row;
    }

    public void Set(int row, ReadOnlySpan<float> vector)
    {
        var target = Row(row);
        vector.CopyTo(target);
        target[Dimension..].Clear();
        Source.SquaredNorms[row] = SquaredNorm(target);
    }

    public Span<float> Row(int row) => _buffer.AsSpan((long)row * Stride, Stride);

    public ReadOnlySpan<float> Vector(int row) => _buffer.AsSpan((long)row * Stride, Dimension);

    /// <summary>Squared norm as the device's kernel computes it, so x·x here equals a query's x·x there.</summary>
    public static float SquaredNorm(ReadOnlySpan<float> padded)
    {
        fixed (float* p = padded)
        {
            return Devices.Cpu.DotKernel.Dot(p, p, padded.Length);
        }
    }

    private void Grow()
    {
        var capacity = checked(Capacity * 2);
        var buffer = new AlignedFloatBuffer((long)capacity * Stride);
        _buffer.AsSpan(0, Count * Stride).CopyTo(buffer.AsSpan(0, Count * Stride));
        var norms = new float[capacity];
        Source.SquaredNorms.AsSpan(0, Count).CopyTo(norms);
        _buffer = buffer;
        Capacity = capacity;
        Source.Vectors = buffer.Pointer;
        Source.SquaredNorms = norms;
    }
}
