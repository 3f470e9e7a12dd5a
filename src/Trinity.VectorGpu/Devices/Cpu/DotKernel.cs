using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trinity.VectorGpu.Devices.Cpu;

/// <summary>
/// Register-blocked dot products: a tile of queries × a tile of rows, each pair in its own 16-lane
/// accumulator, walked over the (16-padded) dimension in the same order and summed the same way whichever
/// tile shape computes it (the 4 × 4 tile reduces its sixteen accumulators together, <see cref="PairReduction"/>).
/// So a pair's value does not depend on how many queries were batched together.
/// Vector512 runs as AVX-512 where present; elsewhere the runtime's portable Vector512 fallback computes the same.
/// </summary>
internal static unsafe class DotKernel
{
    /// <summary>dots[i·ld + r] = q_i · x_r for i &lt; nq, r &lt; nr; queries and rows are <paramref name="stride"/> floats apart.</summary>
    public static void Block(float* queries, int nq, float* rows, int nr, int stride, float* dots, int ld) =>
        Block(new ContiguousRows(queries, stride), nq, rows, nr, stride, dots, ld, streamed: true);

    /// <summary>
    /// dots[i·ld + r] = q_i · x_r with q_i = <paramref name="queries"/>[i] anywhere in memory (each query of an
    /// iteration copied once, whichever slices it reads), rows <paramref name="stride"/> floats apart. With
    /// <paramref name="streamed"/> the rows continue past <paramref name="nr"/> in memory, and a lone query asks for
    /// them ahead; rows just decoded into a small tile have nothing after them worth fetching.
    /// </summary>
    public static void Block(float** queries, int nq, float* rows, int nr, int stride, float* dots, int ld, bool streamed) =>
        Block(new TableRows(queries), nq, rows, nr, stride, dots, ld, streamed);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<TRows>(TRows queries, int nq, float* rows, int nr, int stride, float* dots, int ld, bool streamed)
        where TRows : struct, IQueryRows
    {
        var i = 0;
        for (; i + 4 <= nq; i += 4)
        {
            float* q0 = queries.At(i), q1 = queries.At(i + 1), q2 = queries.At(i + 2), q3 = queries.At(i + 3);
            var r = 0;
            for (; r + 4 <= nr; r += 4)
            {
                Tile4x4(q0, q1, q2, q3, rows + ((long)r * stride), stride, dots + (i * ld) + r, ld);
            }

            for (; r < nr; r++)
            {
                var x = rows + ((long)r * stride);
                dots[(i * ld) + r] = Dot(q0, x, stride);
                dots[((i + 1) * ld) + r] = Dot(q1, x, stride);
                dots[((i + 2) * ld) + r] = Dot(q2, x, stride);
                dots[((i + 3) * ld) + r] = Dot(q3, x, stride);
            }
        }

        for (; i < nq; i++)
        {
            var q = queries.At(i);
            var r = 0;
            for (; r + 8 <= nr; r += 8)
            {
                var tile = rows + ((long)r * stride);
                if (Sse.IsSupported && nq == 1 && streamed)
                {
                    // A lone query is bound by memory: ask for the rows two tiles ahead (one 64-byte line per 16 floats).
                    var ahead = (byte*)(tile + (16L * stride));
                    for (var line = 0; line < 8 * stride * sizeof(float); line += 64)
                    {
                        Sse.Prefetch0(ahead + line);
                    }
                }

                Tile1x8(q, tile, stride, dots + (i * ld) + r);
            }

            for (; r < nr; r++)
            {
                dots[(i * ld) + r] = Dot(q, rows + ((long)r * stride), stride);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* q, float* x, int stride)
    {
        var acc = Vector512<float>.Zero;
        for (var c = 0; c < stride; c += 16)
        {
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(q + c), Vector512.Load(x + c), acc);
        }

        return PairReduction.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4(float* q, float* q1, float* q2, float* q3, float* x, int stride, float* dots, int ld)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        float* x1 = x + stride, x2 = x1 + stride, x3 = x2 + stride;
        for (var c = 0; c < stride; c += 16)
        {
            var v0 = Vector512.Load(x + c);
            var v1 = Vector512.Load(x1 + c);
            var v2 = Vector512.Load(x2 + c);
            var v3 = Vector512.Load(x3 + c);
            var w = Vector512.Load(q + c);
            a00 = Vector512.FusedMultiplyAdd(w, v0, a00);
            a01 = Vector512.FusedMultiplyAdd(w, v1, a01);
            a02 = Vector512.FusedMultiplyAdd(w, v2, a02);
            a03 = Vector512.FusedMultiplyAdd(w, v3, a03);
            w = Vector512.Load(q1 + c);
            a10 = Vector512.FusedMultiplyAdd(w, v0, a10);
            a11 = Vector512.FusedMultiplyAdd(w, v1, a11);
            a12 = Vector512.FusedMultiplyAdd(w, v2, a12);
            a13 = Vector512.FusedMultiplyAdd(w, v3, a13);
            w = Vector512.Load(q2 + c);
            a20 = Vector512.FusedMultiplyAdd(w, v0, a20);
            a21 = Vector512.FusedMultiplyAdd(w, v1, a21);
            a22 = Vector512.FusedMultiplyAdd(w, v2, a22);
            a23 = Vector512.FusedMultiplyAdd(w, v3, a23);
            w = Vector512.Load(q3 + c);
            a30 = Vector512.FusedMultiplyAdd(w, v0, a30);
            a31 = Vector512.FusedMultiplyAdd(w, v1, a31);
            a32 = Vector512.FusedMultiplyAdd(w, v2, a32);
            a33 = Vector512.FusedMultiplyAdd(w, v3, a33);
        }

        if (Avx512F.IsSupported)
        {
            // Inputs row-major by (row j, query i) so that the sums come out query-major: lanes 4i…4i+3 = query i.
            var sums = PairReduction.Sum16(a00, a10, a20, a30, a01, a11, a21, a31, a02, a12, a22, a32, a03, a13, a23, a33);
            sums.GetLower().GetLower().Store(dots);
            sums.GetLower().GetUpper().Store(dots + ld);
            sums.GetUpper().GetLower().Store(dots + (2 * ld));
            sums.GetUpper().GetUpper().Store(dots + (3 * ld));
            return;
        }

        Store4(dots, PairReduction.Sum(a00), PairReduction.Sum(a01), PairReduction.Sum(a02), PairReduction.Sum(a03));
        Store4(dots + ld, PairReduction.Sum(a10), PairReduction.Sum(a11), PairReduction.Sum(a12), PairReduction.Sum(a13));
        Store4(dots + (2 * ld), PairReduction.Sum(a20), PairReduction.Sum(a21), PairReduction.Sum(a22), PairReduction.Sum(a23));
        Store4(dots + (3 * ld), PairReduction.Sum(a30), PairReduction.Sum(a31), PairReduction.Sum(a32), PairReduction.Sum(a33));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x8(float* q, float* x, int stride, float* dots)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
        var s = (long)stride;
        for (var c = 0; c < stride; c += 16)
        {
            var w = Vector512.Load(q + c);
            var p = x + c;
            a0 = Vector512.FusedMultiplyAdd(w, Vector512.Load(p), a0);
            a1 = Vector512.FusedMultiplyAdd(w, Vector512.Load(p + s), a1);
            a2 = Vector512.FusedMultiplyAdd(w, Vector512.Load(p + (2 * s)), a2);
            a3 = Vector512.FusedMultiplyAdd(w, Vector512.Load(p + (3 * s)), a3);
            a4 = Vector512.FusedMultiplyAdd(w, Vector512.Load(p + (4 * s)), a4);
            a5 = Vector512.FusedMultiplyAdd(w, Vector512.Load(p + (5 * s)), a5);
            a6 = Vector512.FusedMultiplyAdd(w, Vector512.Load(p + (6 * s)), a6);
            a7 = Vector512.FusedMultiplyAdd(w, Vector512.Load(p + (7 * s)), a7);
        }

        Store4(dots, PairReduction.Sum(a0), PairReduction.Sum(a1), PairReduction.Sum(a2), PairReduction.Sum(a3));
        Store4(dots + 4, PairReduction.Sum(a4), PairReduction.Sum(a5), PairReduction.Sum(a6), PairReduction.Sum(a7));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(float* d, float a, float b, float c, float e)
    {
        d[0] = a;
        d[1] = b;
        d[2] = c;
        d[3] = e;
    }

    /// <summary>Where query i's floats start: the kernel is compiled once per kind, so the lookup costs nothing.</summary>
    private interface IQueryRows
    {
        float* At(int i);
    }

    private readonly struct ContiguousRows(float* first, int stride) : IQueryRows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float* At(int i) => first + ((long)i * stride);
    }

    private readonly struct TableRows(float** rows) : IQueryRows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float* At(int i) => rows[i];
    }
}
