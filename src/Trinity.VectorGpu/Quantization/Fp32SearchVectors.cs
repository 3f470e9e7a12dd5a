using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Trinity.VectorGpu.Collections;

namespace Trinity.VectorGpu.Quantization;

/// <summary>
/// The collection's own fp32 store, read in place: exact distances (summed in four lanes for speed, so the last bit may
/// differ from a flat scan's). Rows are scattered in memory, so every line of the rows two ahead is prefetched.
/// </summary>
internal sealed unsafe class Fp32SearchVectors(VectorStore store) : SearchVectors(store.Dimension, store.Source.Metric)
{
    public override int BytesPerVector => store.Stride * sizeof(float);

    public override long MemoryBytes => 0;

    public override bool IsExact => true;

    public override void Set(int row, ReadOnlySpan<float> padded)
    {
        // The store already holds the vector.
    }

    public override PreparedQuery Prepare(float[] padded) => new(padded, SquaredNormOf(padded));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Distances(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> distances)
    {
        var stride = store.Stride;
        var norms = store.Source.SquaredNorms;
        var vectors = store.Source.Vectors;
        var lines = stride / 16;
        fixed (float* q = query.Vector)
        {
            PrefetchAll((byte*)vectors, stride * sizeof(float), norms, rows, lines);
            for (var i = 0; i < rows.Length; i++)
            {

                var dot = Dot(q, vectors + ((long)rows[i] * stride), stride);
                distances[i] = Combine(dot, norms[rows[i]], query.SquaredNorm);
            }
        }
    }

    /// <summary>q·x over a 16-padded stride with four independent accumulators (the FMA chain is not the limit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* q, float* x, int stride)
    {
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        var a2 = Vector512<float>.Zero;
        var a3 = Vector512<float>.Zero;
        var c = 0;
        for (; c + 64 <= stride; c += 64)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.Load(q + c), Vector512.Load(x + c), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Load(q + c + 16), Vector512.Load(x + c + 16), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Load(q + c + 32), Vector512.Load(x + c + 32), a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Load(q + c + 48), Vector512.Load(x + c + 48), a3);
        }

        for (; c < stride; c += 16)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.Load(q + c), Vector512.Load(x + c), a0);
        }

        return Vector512.Sum((a0 + a1) + (a2 + a3));
    }

    /// <summary>
    /// Asks for every line of every row at once (into L2), and for each row's norm: the rows are scattered, so a walk
    /// is bound by memory latency unless all of an expansion's misses are in flight together rather than a few rows
    /// ahead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void PrefetchAll(byte* start, long rowBytes, float[] norms, ReadOnlySpan<int> rows, int lines)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        fixed (float* n = norms)
        {
            foreach (var row in rows)
            {
                var address = start + (row * rowBytes);
                for (var line = 0; line < lines; line++)
                {
                    Sse.Prefetch1(address + (line * 64));
                }

                if ((uint)row < (uint)norms.Length)
                {
                    Sse.Prefetch1(n + row);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Prefetch(byte* address, int lines)
    {
        if (Sse.IsSupported)
        {
            for (var line = 0; line < lines; line++)
            {
                Sse.Prefetch0(address + (line * 64));
            }
        }
    }
}
