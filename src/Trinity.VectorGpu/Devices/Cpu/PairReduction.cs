using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trinity.VectorGpu.Devices.Cpu;

/// <summary>
/// The one order in which a pair's 16-lane accumulator becomes its dot product: halves folded (lane i + lane i+8,
/// then i + i+4, then i + i+2, then the last two). <see cref="Sum"/> does it for one accumulator; <see cref="Sum16"/>
/// for sixteen at once with a transposing shuffle network (45 instructions instead of 16 separate reductions) whose
/// every addition pairs the same operands, so both give bit-identical values and a pair's score never depends on
/// the tile (batch size) that computed it.
/// </summary>
internal static class PairReduction
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> a)
    {
        var b = a.GetLower() + a.GetUpper();
        var c = b.GetLower() + b.GetUpper();
        return (c.GetElement(0) + c.GetElement(2)) + (c.GetElement(1) + c.GetElement(3));
    }

    /// <summary>
    /// Sums of sixteen accumulators; with <c>p = 4·m + k</c> the input index, lane <c>4·k + m</c> of the result holds
    /// accumulator p's sum (so inputs given as (row j, query i) ↦ p = 4j + i come out query-major: lane 4i + j).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sum16(
        Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3,
        Vector512<float> a4, Vector512<float> a5, Vector512<float> a6, Vector512<float> a7,
        Vector512<float> a8, Vector512<float> a9, Vector512<float> a10, Vector512<float> a11,
        Vector512<float> a12, Vector512<float> a13, Vector512<float> a14, Vector512<float> a15)
    {
        // 512 → 256 per accumulator: two accumulators per vector (x_t holds 2t and 2t + 1).
        var x0 = Fold256(a0, a1);
        var x1 = Fold256(a2, a3);
        var x2 = Fold256(a4, a5);
        var x3 = Fold256(a6, a7);
        var x4 = Fold256(a8, a9);
        var x5 = Fold256(a10, a11);
        var x6 = Fold256(a12, a13);
        var x7 = Fold256(a14, a15);

        // 256 → 128: block k of z_s holds accumulator 4s + k.
        var z0 = Fold128(x0, x1);
        var z1 = Fold128(x2, x3);
        var z2 = Fold128(x4, x5);
        var z3 = Fold128(x6, x7);

        // 128 → 64 → 32 inside blocks.
        var u0 = Avx512F.Shuffle(z0, z1, 0x44) + Avx512F.Shuffle(z0, z1, 0xEE);
        var u1 = Avx512F.Shuffle(z2, z3, 0x44) + Avx512F.Shuffle(z2, z3, 0xEE);
        return Avx512F.Shuffle(u0, u1, 0x88) + Avx512F.Shuffle(u0, u1, 0xDD);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fold256(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0x44) + Avx512F.Shuffle4x128(a, b, 0xEE);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fold128(Vector512<float> x, Vector512<float> y) =>
        Avx512F.Shuffle4x128(x, y, 0x88) + Avx512F.Shuffle4x128(x, y, 0xDD);
}
