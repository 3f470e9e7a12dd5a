using System.Numerics.Tensors;

namespace Trinity.Bench.Vector;

/// <summary>
/// Reference exact k-NN, written independently of the pool's kernels (TensorPrimitives dot products, one query
/// per task): the ground truth for recall, in the pool's metrics' conventions.
/// </summary>
internal static class ExactSearch
{
    /// <summary>Ids of the k nearest base vectors of every query, best first (metric <c>l2</c>, <c>ip</c> or <c>cosine</c>).</summary>
    public static int[] Neighbours(float[] data, int count, float[] queries, int queryCount, int dimension, int k, string metric)
    {
        var cosine = metric == "cosine";
        var l2 = metric == "l2";
        var baseNorms = new float[count];
        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * dimension, dimension);
            baseNorms[i] = cosine ? TensorPrimitives.Norm(row) : TensorPrimitives.Dot(row, row);
        }

        var result = new int[queryCount * k];
        Parallel.For(0, queryCount, q =>
        {
            var query = queries.AsSpan(q * dimension, dimension);
            var queryNorm = TensorPrimitives.Norm(query);
            var best = new PriorityQueue<int, double>(k + 1);
            for (var i = 0; i < count; i++)
            {
                double dot = TensorPrimitives.Dot(query, data.AsSpan(i * dimension, dimension));
                var distance = l2 ? baseNorms[i] - (2 * dot) : cosine ? -dot / (baseNorms[i] * queryNorm) : -dot;

                // Max-heap via negated priority: the worst kept neighbour is dequeued first.
                best.Enqueue(i, -distance);
                if (best.Count > k)
                {
                    best.Dequeue();
                }
            }

            var ids = new int[best.Count];
            for (var j = ids.Length - 1; j >= 0; j--)
            {
                ids[j] = best.Dequeue();
            }

            ids.CopyTo(result, q * k);
        });
        return result;
    }

    /// <summary>Mean fraction of the true k nearest found among the returned k.</summary>
    public static double Recall(IReadOnlyList<int[]> found, int[] truth, int truthK, int k)
    {
        double hits = 0;
        for (var q = 0; q < found.Count; q++)
        {
            var expected = new HashSet<int>(truth.AsSpan(q * truthK, k).ToArray());
            hits += found[q].Take(k).Count(expected.Contains);
        }

        return hits / (found.Count * (double)k);
    }
}
