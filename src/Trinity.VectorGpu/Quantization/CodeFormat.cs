using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trinity.VectorGpu.Quantization;

/// <summary>
/// How a quantized vector is laid out as bytes: encoding a padded fp32 vector, and decoding rows back to padded fp32
/// rows for a scan (a flat or IVF slice is decoded block by block into a tile that stays in L1, then runs the fp32
/// blocked kernel, so the decode is paid once per row for the whole batch of queries), or for a device that keeps
/// fp32 copies. Distances on decoded rows use the decoded rows' own squared norms, so they are consistent.
/// </summary>
internal abstract unsafe class CodeFormat
{
    protected CodeFormat(int dimension, int stride, int codeBytes)
    {
        Dimension = dimension;
        Stride = stride;
        CodeBytes = codeBytes;
    }

    public int Dimension { get; }

    /// <summary>Floats per decoded row: the fp32 store's stride (zero-padded).</summary>
    public int Stride { get; }

    /// <summary>Bytes per encoded row.</summary>
    public int CodeBytes { get; }

    /// <summary>Encodes <paramref name="padded"/> into <paramref name="codes"/> (<see cref="CodeBytes"/> long); returns the decoded vector's squared norm.</summary>
    public abstract float Encode(ReadOnlySpan<float> padded, Span<byte> codes);

    /// <summary>Decodes <paramref name="rows"/> consecutive rows into <paramref name="target"/>, <see cref="Stride"/> floats each.</summary>
    public abstract void Decode(byte* codes, int rows, float* target);
}

/// <summary>SQ8: x_d = min_d + scale_d·code_d, one byte per dimension (rows of 64-byte multiples, as the graph's codes).</summary>
internal sealed unsafe class Sq8CodeFormat : CodeFormat
{
    private readonly float[] _min;
    private readonly float[] _scale;

    public Sq8CodeFormat(Sq8Quantizer quantizer, int stride)
        : base(quantizer.Dimension, stride, (quantizer.Dimension + 63) / 64 * 64)
    {
        Quantizer = quantizer;
        _min = new float[stride];
        _scale = new float[stride];
        quantizer.Min.CopyTo(_min, 0);
        quantizer.Scale.CopyTo(_scale, 0);
    }

    public Sq8Quantizer Quantizer { get; }

    public override float Encode(ReadOnlySpan<float> padded, Span<byte> codes)
    {
        codes.Clear();
        Quantizer.Encode(padded, codes);
        float norm = 0;
        for (var d = 0; d < Dimension; d++)
        {
            var x = Quantizer.Decode(d, codes[d]);
            norm += x * x;
        }

        return norm;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Decode(byte* codes, int rows, float* target)
    {
        fixed (float* min = _min)
        fixed (float* scale = _scale)
        {
            for (var r = 0; r < rows; r++)
            {
                var source = codes + ((long)r * CodeBytes);
                var row = target + ((long)r * Stride);
                var d = 0;
                if (Avx512F.IsSupported)
                {
                    for (; d + 16 <= Stride; d += 16)
                    {
                        var x = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(source + d)));
                        Vector512.FusedMultiplyAdd(x, Vector512.Load(scale + d), Vector512.Load(min + d)).Store(row + d);
                    }
                }

                for (; d < Stride; d++)
                {
                    row[d] = min[d] + (scale[d] * source[d]);
                }
            }
        }
    }
}

/// <summary>fp16: IEEE half floats, widened by an exponent rebias (one multiply, exact for zeros and subnormals).</summary>
internal sealed unsafe class Fp16CodeFormat : CodeFormat
{
    public Fp16CodeFormat(int dimension, int stride)
        : base(dimension, stride, (dimension + 31) / 32 * 32 * sizeof(ushort))
    {
    }

    public override float Encode(ReadOnlySpan<float> padded, Span<byte> codes)
    {
        codes.Clear();
        var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(codes);
        float norm = 0;
        for (var d = 0; d < Dimension; d++)
        {
            var half = (Half)Math.Clamp(padded[d], -65504f, 65504f);
            halves[d] = BitConverter.HalfToUInt16Bits(half);
            var x = (float)half;
            norm += x * x;
        }

        return norm;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Decode(byte* codes, int rows, float* target)
    {
        var magnitude = Vector512.Create(0x7fffu);
        var sign = Vector512.Create(0x8000u);
        var rebias = Vector512.Create(5.192297e33f); // 2^112: a half's exponent bias (15) to a float's (127)
        for (var r = 0; r < rows; r++)
        {
            var source = (ushort*)(codes + ((long)r * CodeBytes));
            var row = target + ((long)r * Stride);
            var d = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; d + 16 <= Stride && d + 16 <= CodeBytes / 2; d += 16)
                {
                    ToSingle(Vector512.WidenLower(Vector256.Load(source + d).ToVector512()), magnitude, sign, rebias).Store(row + d);
                }
            }

            for (; d < Stride; d++)
            {
                row[d] = d < CodeBytes / 2 ? (float)BitConverter.UInt16BitsToHalf(source[d]) : 0f;
            }
        }
    }

    /// <summary>Sixteen halves (one per 32-bit lane) as floats: the exponent moved from bias 15 to 127 by one multiply
    /// by 2^112 (<paramref name="rebias"/>), which also maps zeros and subnormals exactly, and the sign put back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ToSingle(Vector512<uint> half, Vector512<uint> magnitude, Vector512<uint> sign, Vector512<float> rebias)
    {
        var value = ((half & magnitude) << 13).AsSingle() * rebias;
        return (value.AsUInt32() | ((half & sign) << 16)).AsSingle();
    }
}
