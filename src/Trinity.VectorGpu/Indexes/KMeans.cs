using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Indexes;

/// <summary>
/// Lloyd's k-means for IVF centroids: seeded sample, a fixed number of iterations, assignment through the
/// same blocked kernel as search, empty clusters re-seeded by splitting the largest. Deterministic for a seed.
/// </summary>
internal static unsafe class KMeans
{
    /// <summary>Trains <paramref name="k"/> centroids on <paramref name="n"/> rows of <paramref name="data"/> (stride-padded).</summary>
    public static AlignedFloatBuffer Train(float* data, int n, int stride, int k, int iterations, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, k);
        var centroids = new AlignedFloatBuffer((long)k * stride);
        var random = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        for (var c = 0; c < k; c++)
        {
            new ReadOnlySpan<float>(data + ((long)order[c] * stride), stride).CopyTo(centroids.AsSpan((long)c * stride, stride));
        }

        var assignment = new int[n];
        var sums = new double[(long)k * stride];
        var counts = new int[k];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Assign(data, n, stride, centroids.Pointer, k, assignment);
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var c = assignment[i];
                counts[c]++;
                var row = data + ((long)i * stride);
                var offset = (long)c * stride;
                for (var j = 0; j < stride; j++)
                {
                    sums[offset + j] += row[j];
                }
            }

            for (var c = 0; c < k; c++)
            {
                var target = centroids.AsSpan((long)c * stride, stride);
                if (counts[c] == 0)
                {
                    SplitLargest(centroids, counts, c, stride, random);
                    continue;
                }

                for (var j = 0; j < stride; j++)
                {
                    target[j] = (float)(sums[((long)c * stride) + j] / counts[c]);
                }
            }
        }

        return centroids;
    }

    /// <summary>Nearest centroid (squared L2) of every row.</summary>
    public static void Assign(float* data, int n, int stride, float* centroids, int k, int[] assignment)
    {
        var norms = new float[k];
        for (var c = 0; c < k; c++)
        {
            norms[c] = DotKernel.Dot(centroids + ((long)c * stride), centroids + ((long)c * stride), stride);
        }

        const int Block = 64;
        var blocks = (n + Block - 1) / Block;
        Parallel.For(0, blocks, b =>
        {
            var start = b * Block;
            var count = Math.Min(Block, n - start);
            Nearest(data + ((long)start * stride), count, stride, centroids, k, norms, assignment.AsSpan(start, count));
        });
    }

    /// <summary>For each of <paramref name="count"/> queries, the nearest of <paramref name="k"/> centroids.</summary>
    public static void Nearest(float* queries, int count, int stride, float* centroids, int k, float[] centroidNorms, Span<int> result)
    {
        const int Tile = 256;
        var dots = new float[count * Tile];
        var best = new float[count];
        Array.Fill(best, float.PositiveInfinity);
        fixed (float* d = dots)
        {
            for (var c0 = 0; c0 < k; c0 += Tile)
            {
                var nc = Math.Min(Tile, k - c0);
                DotKernel.Block(queries, count, centroids + ((long)c0 * stride), nc, stride, d, Tile);
                for (var i = 0; i < count; i++)
                {
                    for (var c = 0; c < nc; c++)
                    {
                        var distance = centroidNorms[c0 + c] - (2f * d[(i * Tile) + c]);
                        if (distance < best[i])
                        {
                            best[i] = distance;
                            result[i] = c0 + c;
                        }
                    }
                }
            }
        }
    }

    private static void SplitLargest(AlignedFloatBuffer centroids, int[] counts, int empty, int stride, Random random)
    {
        var largest = 0;
        for (var c = 1; c < counts.Length; c++)
        {
            if (counts[c] > counts[largest])
            {
                largest = c;
            }
        }

        var source = centroids.AsSpan((long)largest * stride, stride);
        var target = centroids.AsSpan((long)empty * stride, stride);
        for (var j = 0; j < stride; j++)
        {
            var eps = (float)(random.NextDouble() - 0.5) * 1e-3f * (MathF.Abs(source[j]) + 1e-6f);
            target[j] = source[j] + eps;
            source[j] -= eps;
        }

        counts[largest] /= 2;
        counts[empty] = counts[largest];
    }
}
