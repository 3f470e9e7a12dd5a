using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Indexes;

/// <summary>
/// Trains a new IVF generation off the collection's lock: k-means on a sample, then the nearest list of every
/// copied row. The collection installs the result under its lock and re-assigns the rows written meanwhile.
/// </summary>
internal static unsafe class IvfTrainer
{
    /// <summary>Lists for <paramref name="count"/> points when the collection does not fix them: about 2·√n.</summary>
    public static int DefaultNlist(int count) => Math.Clamp((int)Math.Round(2 * Math.Sqrt(count)), 1, 65536);

    /// <summary>The trained centroids and the list of every copied row (same order as <paramref name="rows"/>).</summary>
    public static (AlignedFloatBuffer Centroids, int[] Assignment) Train(
        AlignedFloatBuffer copy, int[] rows, int stride, int nlist, int pointsPerCentroid, int iterations, int seed)
    {
        var n = rows.Length;
        var sampleCount = Math.Min(n, Math.Max(nlist, nlist * pointsPerCentroid));
        AlignedFloatBuffer sample;
        if (sampleCount == n)
        {
            sample = copy;
        }
        else
        {
            var order = Enumerable.Range(0, n).ToArray();
            new Random(seed).Shuffle(order);
            sample = new AlignedFloatBuffer((long)sampleCount * stride);
            for (var i = 0; i < sampleCount; i++)
            {
                copy.AsSpan((long)order[i] * stride, stride).CopyTo(sample.AsSpan((long)i * stride, stride));
            }
        }

        var centroids = KMeans.Train(sample.Pointer, sampleCount, stride, nlist, iterations, seed);
        var assignment = new int[n];
        KMeans.Assign(copy.Pointer, n, stride, centroids.Pointer, nlist, assignment);
        return (centroids, assignment);
    }

    /// <summary>Fills a new index with the rows copied for training, using their precomputed lists.</summary>
    public static IvfIndex Build(int dimension, VectorMetric metric, AlignedFloatBuffer centroids, int nlist, int trainedOn)
        => new(dimension, metric, centroids, nlist, trainedOn);
}
