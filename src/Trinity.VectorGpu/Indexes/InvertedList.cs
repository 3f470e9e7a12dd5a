using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Indexes;

/// <summary>
/// One IVF list: its vectors copied contiguously (so a probe is a sequential scan, as in IVF-Flat) with
/// their rows and norms. Append-only while a generation lives; a removed entry keeps its position with row −1,
/// so positions never move under a query that is half-way through the list.
/// </summary>
internal sealed unsafe class InvertedList
{
    private AlignedFloatBuffer _buffer;
    private int _capacity;

    public InvertedList(int dimension, int stride, VectorMetric metric, int capacity)
    {
        _capacity = Math.Max(8, capacity);
        _buffer = new AlignedFloatBuffer((long)_capacity * stride);
        Source = new SliceSource(dimension, stride, metric)
        {
            Vectors = _buffer.Pointer,
            SquaredNorms = new float[_capacity],
            RowIds = new int[_capacity],
        };
    }

    public SliceSource Source { get; }

    public int Count => Source.Count;

    public long MemoryBytes => ((long)_capacity * Source.Stride * sizeof(float)) + ((long)_capacity * 8);

    /// <summary>Appends a prepared, padded vector and returns its position.</summary>
    public int Append(int row, ReadOnlySpan<float> padded, float squaredNorm)
    {
        if (Source.Count == _capacity)
        {
            Grow();
        }

        var position = Source.Count;
        padded.CopyTo(_buffer.AsSpan((long)position * Source.Stride, Source.Stride));
        Source.SquaredNorms[position] = squaredNorm;
        Source.RowIds![position] = row;
        Source.Count = position + 1;
        return position;
    }

    public void Overwrite(int position, ReadOnlySpan<float> padded, float squaredNorm)
    {
        padded.CopyTo(_buffer.AsSpan((long)position * Source.Stride, Source.Stride));
        Source.SquaredNorms[position] = squaredNorm;
        Source.Journal.Record(position);
    }

    public void Remove(int position)
    {
        Source.RowIds![position] = -1;
        Source.Journal.Record(position);
    }

    private void Grow()
    {
        var capacity = checked(_capacity * 2);
        var stride = Source.Stride;
        var buffer = new AlignedFloatBuffer((long)capacity * stride);
        _buffer.AsSpan(0, Source.Count * stride).CopyTo(buffer.AsSpan(0, Source.Count * stride));
        var norms = new float[capacity];
        var rows = new int[capacity];
        Source.SquaredNorms.AsSpan(0, Source.Count).CopyTo(norms);
        Source.RowIds.AsSpan(0, Source.Count).CopyTo(rows);
        _buffer = buffer;
        _capacity = capacity;
        Source.Vectors = buffer.Pointer;
        Source.SquaredNorms = norms;
        Source.RowIds = rows;
    }
}
