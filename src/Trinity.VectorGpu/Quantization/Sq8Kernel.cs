using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trinity.VectorGpu.Quantization;

/// <summary>
/// Σ codes[d]·query[d] for unsigned byte codes and signed byte query codes, exactly, in 32-bit integers:
/// AVX-VNNI (<c>vpdpbusd</c>, four byte products per lane per instruction) where present, else AVX2 widening to
/// 16 bits (<c>vpmaddwd</c>, no saturation), else scalar. Lengths are multiples of 64 (zero-padded).
/// </summary>
internal static unsafe class Sq8Kernel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(byte* codes, sbyte* query, int length)
    {
        if (AvxVnni.IsSupported)
        {
            var a0 = Vector256<int>.Zero;
            var a1 = Vector256<int>.Zero;
            for (var c = 0; c < length; c += 64)
            {
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, Avx.LoadVector256(codes + c), Avx.LoadVector256(query + c));
                a1 = AvxVnni.MultiplyWideningAndAdd(a1, Avx.LoadVector256(codes + c + 32), Avx.LoadVector256(query + c + 32));
            }

            return Vector256.Sum(a0 + a1);
        }

        if (Avx2.IsSupported)
        {
            var acc = Vector256<int>.Zero;
            for (var c = 0; c < length; c += 16)
            {
                var x = Avx2.ConvertToVector256Int16(codes + c);
                var q = Avx2.ConvertToVector256Int16(query + c);
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(x, q));
            }

            return Vector256.Sum(acc);
        }

        return DotScalar(codes, query, length);
    }

    public static int DotScalar(byte* codes, sbyte* query, int length)
    {
        var sum = 0;
        for (var c = 0; c < length; c++)
        {
            sum += codes[c] * query[c];
        }

        return sum;
    }
}
