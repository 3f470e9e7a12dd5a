using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Quantization;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Indexes;

/// <summary>
/// One IVF list: its vectors copied contiguously (so a probe is a sequential scan, as in IVF-Flat) with
/// their rows and norms; for a quantized collection its codes instead (fp16 or SQ8, a quarter or half of the bytes),
/// which scans decode block by block. Append-only while a generation lives; a removed entry keeps its position with
/// row −1, so positions never move under a query that is half-way through the list.
/// </summary>
internal sealed unsafe class InvertedList
{
    private readonly CodeFormat? _format;
    private AlignedFloatBuffer? _buffer;
    private byte[]? _codes;
    private int _capacity;

    public InvertedList(int dimension, int stride, VectorMetric metric, int capacity, CodeFormat? format = null)
    {
        _capacity = Math.Max(8, capacity);
        _format = format;
        Source = new SliceSource(dimension, stride, metric)
        {
            SquaredNorms = new float[_capacity],
            RowIds = new int[_capacity],
        };
        if (format is null)
        {
            _buffer = new AlignedFloatBuffer((long)_capacity * stride);
            Source.Vectors = _buffer.Pointer;
        }
        else
        {
            _codes = GC.AllocateUninitializedArray<byte>(_capacity * format.CodeBytes, pinned: true);
            Source.Format = format;
            Source.Codes = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_codes));
            Source.CodeNorms = new float[_capacity];
        }
    }

    public SliceSource Source { get; }

    public int Count => Source.Count;

    public long MemoryBytes => ((long)_capacity * (_format is null ? Source.Stride * sizeof(float) : _format.CodeBytes + sizeof(float))) + ((long)_capacity * 8);

    /// <summary>Appends a prepared, padded vector and returns its position.</summary>
    public int Append(int row, ReadOnlySpan<float> padded, float squaredNorm)
    {
        if (Source.Count == _capacity)
        {
            Grow();
        }

        var position = Source.Count;
        Write(position, padded, squaredNorm);
        Source.RowIds![position] = row;
        Source.Count = position + 1;
        return position;
    }

    public void Overwrite(int position, ReadOnlySpan<float> padded, float squaredNorm)
    {
        Write(position, padded, squaredNorm);
        Source.Journal.Record(position);
    }

    public void Remove(int position)
    {
        Source.RowIds![position] = -1;
        Source.Journal.Record(position);
    }

    private void Write(int position, ReadOnlySpan<float> padded, float squaredNorm)
    {
        Source.SquaredNorms[position] = squaredNorm;
        if (_format is null)
        {
            padded.CopyTo(_buffer!.AsSpan((long)position * Source.Stride, Source.Stride));
        }
        else
        {
            Source.CodeNorms![position] = _format.Encode(padded, _codes.AsSpan(position * _format.CodeBytes, _format.CodeBytes));
        }
    }

    private void Grow()
    {
        var capacity = checked(_capacity * 2);
        var count = Source.Count;
        if (_format is null)
        {
            var stride = Source.Stride;
            var buffer = new AlignedFloatBuffer((long)capacity * stride);
            _buffer!.AsSpan(0, count * stride).CopyTo(buffer.AsSpan(0, count * stride));
            _buffer = buffer;
            Source.Vectors = buffer.Pointer;
        }
        else
        {
            var codes = GC.AllocateUninitializedArray<byte>(checked(capacity * _format.CodeBytes), pinned: true);
            _codes.AsSpan(0, count * _format.CodeBytes).CopyTo(codes);
            _codes = codes;
            Source.Codes = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(codes));
            var codeNorms = new float[capacity];
            Source.CodeNorms.AsSpan(0, count).CopyTo(codeNorms);
            Source.CodeNorms = codeNorms;
        }

        var norms = new float[capacity];
        var rows = new int[capacity];
        Source.SquaredNorms.AsSpan(0, count).CopyTo(norms);
        Source.RowIds.AsSpan(0, count).CopyTo(rows);
        _capacity = capacity;
        Source.SquaredNorms = norms;
        Source.RowIds = rows;
    }
}
