using System.Diagnostics.Metrics;

namespace Trinity.Common.Prometheus;

/// <summary>Aggregation of one instrument's measurements: one <see cref="MetricSeries"/> per tag set. Lookups
/// compare tags in place, so recording into an existing series allocates nothing.</summary>
internal sealed class InstrumentState
{
    private readonly Lock _lock = new();
    private readonly List<MetricSeries> _series = [];

    public InstrumentState(Instrument instrument, MetricKind kind, double[] bucketBounds)
    {
        Instrument = instrument;
        Kind = kind;
        BucketBounds = bucketBounds;
    }

    public Instrument Instrument { get; }

    public MetricKind Kind { get; }

    /// <summary>Histogram upper bounds, ascending (without +Inf).</summary>
    public double[] BucketBounds { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_lock)
        {
            var series = Find(tags);
            switch (Kind)
            {
                case MetricKind.Counter:
                case MetricKind.SumGauge:
                    series.Value += value;
                    break;
                case MetricKind.Histogram:
                    var bucket = Array.BinarySearch(BucketBounds, value);
                    series.BucketCounts[bucket >= 0 ? bucket : ~bucket]++;
                    series.Value += value;
                    series.Count++;
                    break;
                default:
                    series.Value = value;
                    break;
            }
        }
    }

    /// <summary>Forgets observed series before a callback reports them afresh (a tag set that is no longer reported
    /// must not linger with a stale value).</summary>
    public void ResetObserved()
    {
        lock (_lock)
        {
            _series.Clear();
        }
    }

    /// <summary>A consistent copy of every series, for one scrape.</summary>
    public List<MetricSeries> Snapshot()
    {
        lock (_lock)
        {
            var copy = new List<MetricSeries>(_series.Count);
            foreach (var series in _series)
            {
                var clone = new MetricSeries(series.Tags, series.BucketCounts.Length) { Value = series.Value, Count = series.Count };
                series.BucketCounts.CopyTo(clone.BucketCounts, 0);
                copy.Add(clone);
            }

            return copy;
        }
    }

    private MetricSeries Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var existing in _series)
        {
            if (existing.Matches(tags))
            {
                return existing;
            }
        }

        var created = new MetricSeries(tags.ToArray(), Kind == MetricKind.Histogram ? BucketBounds.Length + 1 : 0);
        _series.Add(created);
        return created;
    }
}
