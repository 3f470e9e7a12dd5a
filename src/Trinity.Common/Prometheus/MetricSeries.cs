namespace Trinity.Common.Prometheus;

/// <summary>One labelled time series of an instrument. Guarded by its <see cref="InstrumentState"/>'s lock.</summary>
internal sealed class MetricSeries
{
    public MetricSeries(KeyValuePair<string, object?>[] tags, int bucketCount)
    {
        Tags = tags;
        BucketCounts = bucketCount > 0 ? new long[bucketCount] : [];
    }

    /// <summary>The measurement's tags as recorded (values compared with <see cref="object.Equals(object?)"/>).</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>Counter or gauge value; for histograms the sum of observations.</summary>
    public double Value { get; set; }

    /// <summary>Histograms: observations per bucket (not cumulative), the last one is +Inf.</summary>
    public long[] BucketCounts { get; }

    /// <summary>Histograms: number of observations.</summary>
    public long Count { get; set; }

    /// <summary>Whether the series has exactly these tags, in any order.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var found = false;
            foreach (var own in Tags)
            {
                if (own.Key == tag.Key)
                {
                    found = Equals(own.Value, tag.Value);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
