using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Quantization;

/// <summary>
/// SQ8 codes, one byte per dimension. A query is folded into the ranges (w_d = scale_d·q_d) and quantized to signed
/// bytes with its own scale t, so x̂·q = Σ min_d·q_d + t·Σ code_d·c_d, the sum computed exactly on integers
/// (<see cref="Sq8Kernel"/>). Approximate; the collection re-ranks the best candidates on fp32 vectors.
/// </summary>
internal sealed unsafe class Sq8SearchVectors : SearchVectors
{
    private readonly int _codeStride;
    private readonly Sq8CodeFormat _format;
    private byte[] _codes;
    private float[] _norms;

    public Sq8SearchVectors(Sq8Quantizer quantizer, VectorMetric metric, int capacity)
        : base(quantizer.Dimension, metric)
    {
        Quantizer = quantizer;
        _format = new Sq8CodeFormat(quantizer, Collections.VectorStore.StrideFor(quantizer.Dimension));
        _codeStride = _format.CodeBytes;
        capacity = Math.Max(16, capacity);
        _codes = Allocate(capacity * _codeStride);
        _norms = new float[capacity];
    }

    public Sq8Quantizer Quantizer { get; }

    public override int BytesPerVector => _codeStride;

    public override long MemoryBytes => _codes.LongLength + ((long)_norms.Length * sizeof(float));

    public override bool IsExact => false;

    public override CodeFormat Format => _format;

    public override byte* Codes => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_codes));

    public override float[] CodeNorms => _norms;

    public override void Set(int row, ReadOnlySpan<float> padded)
    {
        if (row >= _norms.Length)
        {
            var capacity = Math.Max(row + 1, _norms.Length * 2);
            var codes = Allocate(capacity * _codeStride);
            _codes.CopyTo(codes, 0);
            _codes = codes;
            Array.Resize(ref _norms, capacity);
        }

        _norms[row] = _format.Encode(padded, _codes.AsSpan(row * _codeStride, _codeStride));
    }

    private static byte[] Allocate(int length)
    {
        var codes = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        fixed (byte* start = codes)
        {
            Storage.HugePages.Advise(start, length);
        }

        return codes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override PreparedQuery Prepare(float[] padded)
    {
        var weights = new float[Dimension];
        var scales = Quantizer.Scale;
        var mins = Quantizer.Min;
        var offsets = Vector256<float>.Zero;
        var largests = Vector256<float>.Zero;
        var d = 0;
        for (; d + Vector256<float>.Count <= Dimension; d += Vector256<float>.Count)
        {
            var q = Vector256.Create<float>(padded.AsSpan(d));
            var w = Vector256.Create<float>(scales.AsSpan(d)) * q;
            w.CopyTo(weights.AsSpan(d));
            offsets += Vector256.Create<float>(mins.AsSpan(d)) * q;
            largests = Vector256.Max(largests, Vector256.Abs(w));
        }

        var offset = Vector256.Sum(offsets);
        var largest = MaxOf(largests);
        for (; d < Dimension; d++)
        {
            weights[d] = scales[d] * padded[d];
            offset += mins[d] * padded[d];
            largest = Math.Max(largest, MathF.Abs(weights[d]));
        }

        var scale = largest > 0 ? largest / 127f : 1f;
        var codes = new sbyte[_codeStride];
        var inverse = Vector256.Create(1f / scale);
        var bound = Vector256.Create(127f);
        d = 0;
        for (; d + Vector256<float>.Count <= Dimension; d += Vector256<float>.Count)
        {
            var rounded = Vector256.Round(Vector256.Create<float>(weights.AsSpan(d)) * inverse);
            var clamped = Vector256.ConvertToInt32(Vector256.Min(Vector256.Max(rounded, -bound), bound));
            for (var lane = 0; lane < Vector256<int>.Count; lane++)
            {
                codes[d + lane] = (sbyte)clamped[lane];
            }
        }

        for (; d < Dimension; d++)
        {
            codes[d] = (sbyte)Math.Clamp(MathF.Round(weights[d] / scale), -127f, 127f);
        }

        return new PreparedQuery(padded, SquaredNormOf(padded)) { Codes = codes, CodeScale = scale, Offset = offset };

        static float MaxOf(Vector256<float> v)
        {
            var m = v[0];
            for (var lane = 1; lane < Vector256<float>.Count; lane++)
            {
                m = Math.Max(m, v[lane]);
            }

            return m;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Distances(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> distances)
    {
        var lines = _codeStride / 64;
        fixed (byte* codes = _codes)
        fixed (sbyte* q = query.Codes)
        {
            Fp32SearchVectors.PrefetchAll(codes, _codeStride, _norms, rows, lines);
            for (var i = 0; i < rows.Length; i++)
            {

                var dot = query.Offset + (query.CodeScale * Sq8Kernel.Dot(codes + ((long)rows[i] * _codeStride), q, _codeStride));
                distances[i] = Combine(dot, _norms[rows[i]], query.SquaredNorm);
            }
        }
    }
}
