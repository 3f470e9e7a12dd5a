namespace Trinity.Bench.Load.Metrics;

/// <summary>Quantiles of a Prometheus histogram from its cumulative buckets, as PromQL's <c>histogram_quantile</c>
/// computes them: find the bucket holding the rank, interpolate linearly inside it (from 0 for the first bucket); a
/// rank in the +Inf bucket answers the largest finite bound.</summary>
internal static class HistogramQuantile
{
    /// <param name="buckets">Cumulative counts by upper bound, increasing, +Inf last.</param>
    /// <param name="quantile">In [0, 1].</param>
    /// <returns>NaN when the histogram is empty.</returns>
    public static double Of(IReadOnlyList<(double Le, double Count)> buckets, double quantile)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count == 0 || buckets[^1].Count <= 0)
        {
            return double.NaN;
        }

        var rank = Math.Clamp(quantile, 0, 1) * buckets[^1].Count;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i].Count < rank)
            {
                continue;
            }

            if (double.IsPositiveInfinity(buckets[i].Le))
            {
                return i == 0 ? double.NaN : buckets[i - 1].Le;
            }

            var lower = i == 0 ? 0 : buckets[i - 1].Le;
            var below = i == 0 ? 0 : buckets[i - 1].Count;
            var inBucket = buckets[i].Count - below;
            return inBucket <= 0 ? buckets[i].Le : lower + ((buckets[i].Le - lower) * (rank - below) / inBucket);
        }

        return buckets[^1].Le;
    }
}
