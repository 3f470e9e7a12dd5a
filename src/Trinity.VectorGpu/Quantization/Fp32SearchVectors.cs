using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Trinity.VectorGpu.Collections;
using Trinity.VectorGpu.Devices.Cpu;

namespace Trinity.VectorGpu.Quantization;

/// <summary>The collection's own fp32 store, read in place: exact distances, equal to a flat scan's for the same pair.</summary>
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
            if (rows.Length > 0)
            {
                Prefetch((byte*)(vectors + ((long)rows[0] * stride)), lines);
            }

            for (var i = 0; i < rows.Length; i++)
            {
                if (i + 1 < rows.Length)
                {
                    Prefetch((byte*)(vectors + ((long)rows[i + 1] * stride)), lines);
                }

                var dot = DotKernel.Dot(q, vectors + ((long)rows[i] * stride), stride);
                distances[i] = Combine(dot, norms[rows[i]], query.SquaredNorm);
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
