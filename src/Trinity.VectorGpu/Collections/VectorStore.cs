using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Collections;

/// <summary>
/// Every vector of a collection by row, contiguous and 64-byte aligned, with squared norms precomputed for
/// <c>l2</c> (‖x‖² − 2x·q + ‖q‖²) and cosine vectors normalised on the way in. Rows are never moved while the
/// process runs (a deleted row stays a dead slot), so a scan that spans iterations never sees a row twice.
/// </summary>
internal sealed unsafe class VectorStore : IDisposable
{
    private AlignedFloatBuffer? _buffer;
    private readonly MappedFloatFile? _mapped;

    /// <param name="dimension">Floats per vector.</param>
    /// <param name="metric">Comparison (decides nothing here but is carried to scans).</param>
    /// <param name="initialCapacity">Rows allocated at first.</param>
    /// <param name="mappedPath">When set, the vectors live in this scratch file mapped into memory instead of on the heap.</param>
    public VectorStore(int dimension, VectorMetric metric, int initialCapacity = 1024, string? mappedPath = null)
    {
        Dimension = dimension;
        Stride = StrideFor(dimension);
        Source = new SliceSource(dimension, Stride, metric);
        Capacity = Math.Max(16, initialCapacity);
        if (mappedPath is null)
        {
            _buffer = new AlignedFloatBuffer((long)Capacity * Stride);
            Source.Vectors = _buffer.Pointer;
        }
        else
        {
            _mapped = new MappedFloatFile(mappedPath, (long)Capacity * Stride);
            Source.Vectors = _mapped.Pointer;
        }

        Source.SquaredNorms = new float[Capacity];
    }

    /// <summary>Whether the vectors are in a mapped file rather than on the heap.</summary>
    public bool IsMapped => _mapped is not null;

    public int Dimension { get; }

    public int Stride { get; }

    public int Capacity { get; private set; }

    /// <summary>Rows allocated so far (live or dead).</summary>
    public int Count => Source.Count;

    /// <summary>The store as a scannable block; position = row.</summary>
    public SliceSource Source { get; }

    /// <summary>Heap bytes: the vectors unless mapped, and the norms.</summary>
    public long MemoryBytes => ((_buffer?.Length ?? 0) * sizeof(float)) + ((long)Capacity * sizeof(float));

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

    public Span<float> Row(int row) => _buffer is { } buffer ? buffer.AsSpan((long)row * Stride, Stride) : _mapped!.AsSpan((long)row * Stride, Stride);

    public ReadOnlySpan<float> Vector(int row) => Row(row)[..Dimension];

    /// <summary>First float of a row (valid until the store grows, which only happens under the collection's lock).</summary>
    public float* RowPointer(int row) => Source.Vectors + ((long)row * Stride);

    /// <summary>
    /// Moves row <c>live[i]</c> to row <c>i</c> (<paramref name="live"/> ascending), drops the rest and tells device
    /// copies to re-read everything. Only while no scan holds row numbers.
    /// </summary>
    public void Compact(ReadOnlySpan<int> live)
    {
        for (var i = 0; i < live.Length; i++)
        {
            var from = live[i];
            if (from != i)
            {
                Row(from).CopyTo(Row(i));
                Source.SquaredNorms[i] = Source.SquaredNorms[from];
            }
        }

        Source.Count = live.Length;
        Source.Journal.Invalidate();
    }

    public void Dispose() => _mapped?.Dispose();

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
        if (_buffer is not null)
        {
            var buffer = new AlignedFloatBuffer((long)capacity * Stride);
            _buffer.AsSpan(0, Count * Stride).CopyTo(buffer.AsSpan(0, Count * Stride));
            _buffer = buffer;
            Source.Vectors = buffer.Pointer;
        }
        else
        {
            _mapped!.Grow((long)capacity * Stride);
            Source.Vectors = _mapped.Pointer;
        }

        var norms = new float[capacity];
        Source.SquaredNorms.AsSpan(0, Count).CopyTo(norms);
        Capacity = capacity;
        Source.SquaredNorms = norms;
    }
}
