using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace Trinity.Common.Prometheus;

/// <summary>One instrument's prometheus-net metrics: one per set of tag names its measurements carry (prometheus-net
/// fixes a metric's label names when it is created; a .NET instrument may record different tag sets). Lookups compare
/// tag names in place and label values are pooled, so recording into an existing series allocates nothing.</summary>
internal sealed class InstrumentBinding
{
    private readonly IMetricFactory _factory;
    private readonly Lock _addLock = new();
    private LabelSet[] _sets = [];

    public InstrumentBinding(IMetricFactory factory, Instrument instrument, MetricKind kind, double[] bucketBounds)
    {
        _factory = factory;
        Kind = kind;
        Name = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, kind);
        Help = PrometheusNaming.EscapeHelp(string.IsNullOrEmpty(instrument.Description) ? Name : instrument.Description);
        BucketBounds = bucketBounds;
    }

    public MetricKind Kind { get; }

    public string Name { get; }

    public string Help { get; }

    /// <summary>Histogram upper bounds, ascending (without +Inf).</summary>
    public double[] BucketBounds { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var set = Find(tags) ?? Add(tags);
        var values = ArrayPool<string>.Shared.Rent(tags.Length);
        try
        {
            for (var i = 0; i < set.Order.Length; i++)
            {
                var tag = tags[set.Order[i]].Value;
                values[i] = tag as string ?? Convert.ToString(tag, CultureInfo.InvariantCulture) ?? string.Empty;
            }

            var labels = values.AsSpan(0, set.Order.Length);
            switch (Kind)
            {
                case MetricKind.Counter:
                    ((Counter)set.Metric).WithLabels(labels).Inc(value);
                    break;
                case MetricKind.ObservedCounter:
                    ((Counter)set.Metric).WithLabels(labels).IncTo(value);
                    break;
                case MetricKind.SumGauge:
                    ((Gauge)set.Metric).WithLabels(labels).Inc(value);
                    break;
                case MetricKind.Histogram:
                    ((Histogram)set.Metric).WithLabels(labels).Observe(value);
                    break;
                default:
                    ((Gauge)set.Metric).WithLabels(labels).Set(value);
                    break;
            }
        }
        finally
        {
            ArrayPool<string>.Shared.Return(values);
        }
    }

    private LabelSet? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var set in Volatile.Read(ref _sets))
        {
            if (set.Matches(tags))
            {
                return set;
            }
        }

        return null;
    }

    private LabelSet Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_addLock)
        {
            if (Find(tags) is { } raced)
            {
                return raced;
            }

            var keys = new string[tags.Length];
            var names = new string[tags.Length];
            var order = new int[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                keys[i] = tags[i].Key;
                names[i] = PrometheusNaming.LabelName(tags[i].Key);
                order[i] = i;
            }

            // Labels in a stable order whatever order the tags were given in.
            Array.Sort(names, order, StringComparer.Ordinal);
            Collector metric = Kind switch
            {
                MetricKind.Counter or MetricKind.ObservedCounter => _factory.CreateCounter(Name, Help, names),
                MetricKind.Histogram => _factory.CreateHistogram(Name, Help, names, new HistogramConfiguration { Buckets = BucketBounds }),
                _ => _factory.CreateGauge(Name, Help, names),
            };
            var set = new LabelSet(keys, order, metric);
            Volatile.Write(ref _sets, [.. _sets, set]);
            return set;
        }
    }

    /// <summary>Tag names as the instrument recorded them, where each label's value sits, and the metric.</summary>
    private sealed record LabelSet(string[] Keys, int[] Order, Collector Metric)
    {
        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length != Keys.Length)
            {
                return false;
            }

            for (var i = 0; i < tags.Length; i++)
            {
                if (!string.Equals(tags[i].Key, Keys[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
