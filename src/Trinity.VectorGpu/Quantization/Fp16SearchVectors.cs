using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Quantization;

/// <summary>
/// IEEE half floats, two bytes per dimension, widened to fp32 in registers (exponent rebias by one multiply, which
/// also handles zeros and subnormals) and multiplied with the fp32 query. Values beyond ±65504 are clamped.
/// </summary>
internal sealed unsafe class Fp16SearchVectors : SearchVectors
{
    private readonly int _codeStride;
    private readonly Fp16CodeFormat _format;
    private ushort[] _codes;
    private float[] _norms;

    public Fp16SearchVectors(int dimension, VectorMetric metric, int capacity)
        : base(dimension, metric)
    {
        _format = new Fp16CodeFormat(dimension, Collections.VectorStore.StrideFor(dimension));
        _codeStride = _format.CodeBytes / sizeof(ushort);
        capacity = Math.Max(16, capacity);
        _codes = GC.AllocateUninitializedArray<ushort>(capacity * _codeStride, pinned: true);
        _norms = new float[capacity];
    }

    public override int BytesPerVector => _codeStride * sizeof(ushort);

    public override long MemoryBytes => (_codes.LongLength * sizeof(ushort)) + ((long)_norms.Length * sizeof(float));

    public override bool IsExact => false;

    public override CodeFormat Format => _format;

    public override byte* Codes => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_codes));

    public override float[] CodeNorms => _norms;

    public override void Set(int row, ReadOnlySpan<float> padded)
    {
        if (row >= _norms.Length)
        {
            var capacity = Math.Max(row + 1, _norms.Length * 2);
            var codes = GC.AllocateUninitializedArray<ushort>(capacity * _codeStride, pinned: true);
            _codes.CopyTo(codes, 0);
            _codes = codes;
            Array.Resize(ref _norms, capacity);
        }

        _norms[row] = _format.Encode(padded, MemoryMarshal.AsBytes(_codes.AsSpan(row * _codeStride, _codeStride)));
    }

    public override PreparedQuery Prepare(float[] padded)
    {
        var vector = new float[_codeStride];
        padded.AsSpan(0, Math.Min(padded.Length, _codeStride)).CopyTo(vector);
        return new PreparedQuery(vector, SquaredNormOf(padded));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Distances(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> distances)
    {
        var lines = _codeStride / 32;
        fixed (ushort* codes = _codes)
        fixed (float* q = query.Vector)
        {
            Fp32SearchVectors.PrefetchAll((byte*)codes, _codeStride * sizeof(ushort), _norms, rows, lines);
            for (var i = 0; i < rows.Length; i++)
            {

                var dot = Dot(codes + ((long)rows[i] * _codeStride), q, _codeStride);
                distances[i] = Combine(dot, _norms[rows[i]], query.SquaredNorm);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ushort* codes, float* query, int length)
    {
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        var magnitude = Vector512.Create(0x7fffu);
        var sign = Vector512.Create(0x8000u);
        var rebias = Vector512.Create(5.192297e33f); // 2^112: moves a half's exponent (bias 15) to a float's (bias 127)
        for (var c = 0; c < length; c += 32)
        {
            var (lo, hi) = Vector512.Widen(Vector512.Load(codes + c));
            acc0 = Vector512.FusedMultiplyAdd(Fp16CodeFormat.ToSingle(lo, magnitude, sign, rebias), Vector512.Load(query + c), acc0);
            acc1 = Vector512.FusedMultiplyAdd(Fp16CodeFormat.ToSingle(hi, magnitude, sign, rebias), Vector512.Load(query + c + 16), acc1);
        }

        return Vector512.Sum(acc0 + acc1);
    }
}
