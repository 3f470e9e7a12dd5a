using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Trinity.Common.Prometheus;

/// <summary>Feeds <see cref="System.Diagnostics.Metrics"/> measurements of Trinity's meters (those of this host's
/// <see cref="IMeterFactory"/>, or unscoped ones) into this host's prometheus-net <see cref="CollectorRegistry"/>,
/// which aggregates them and writes the exposition format. prometheus-net's own MeterAdapter is not used: it names
/// metrics <c>{meter}_{instrument}</c> without unit suffix or <c>_total</c>, exports counters as gauges and drops
/// series idle for five minutes, so every exported name and type would change (see <see cref="PrometheusNaming"/>).</summary>
internal sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly IMeterFactory _meterFactory;
    private readonly HashSet<string> _additionalMeters;
    private readonly IMetricFactory _metricFactory;
    private readonly MeterListener _listener;
    private volatile bool _disposed;

    public PrometheusExporter(IMeterFactory meterFactory, IOptions<MetricsOptions> options)
    {
        _meterFactory = meterFactory;
        _additionalMeters = new HashSet<string>(options.Value.AdditionalMeters, StringComparer.Ordinal);

        // A registry per host, not prometheus-net's static default one: tests run several hosts in one process, and
        // the default registry also starts a MeterAdapter of its own that would export every instrument a second time.
        Registry = Metrics.NewCustomRegistry();
        _metricFactory = Metrics.WithCustomRegistry(Registry);
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => Record(state, (double)value, tags));
        _listener.Start();

        // Observable instruments are read at each scrape. The registry keeps its callbacks, hence the disposed check.
        Registry.AddBeforeCollectCallback(() =>
        {
            if (!_disposed)
            {
                _listener.RecordObservableInstruments();
            }
        });
    }

    /// <summary>The registry <c>/metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Renders every exported metric in the text exposition format (observable instruments are read now).</summary>
    public string Collect()
    {
        using var stream = new MemoryStream();
        Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        try
        {
            ((InstrumentBinding)state!).Record(value, tags);
        }
        catch (ArgumentException)
        {
            // A measurement prometheus-net refuses (a negative counter increment, a name clash of two instruments
            // with different types) is dropped: throwing here would disable the instrument for good.
        }
        catch (InvalidOperationException)
        {
            // Same as above (prometheus-net reports some clashes this way).
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (meter.Scope is not null && !ReferenceEquals(meter.Scope, _meterFactory))
        {
            return; // another host in this process (tests run several)
        }

        if (!meter.Name.StartsWith(MetricsOptions.TrinityPrefix, StringComparison.Ordinal) && !_additionalMeters.Contains(meter.Name))
        {
            return;
        }

        if (KindOf(instrument) is not { } kind)
        {
            return;
        }

        var binding = new InstrumentBinding(_metricFactory, instrument, kind, kind == MetricKind.Histogram ? BucketsOf(instrument) : []);
        listener.EnableMeasurementEvents(instrument, binding);
    }

    private static MetricKind? KindOf(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var definition = instrument.GetType().GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? MetricKind.Counter
            : definition == typeof(ObservableCounter<>) ? MetricKind.ObservedCounter
            : definition == typeof(UpDownCounter<>) ? MetricKind.SumGauge
            : definition == typeof(Histogram<>) ? MetricKind.Histogram
            : definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) ? MetricKind.LastValueGauge
            : null;
    }

    /// <summary>The instrument's advised buckets, else defaults by unit (seconds or counts), as exported before.</summary>
    private static double[] BucketsOf(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(x => (double)x),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(x => (double)x),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(x => (double)x),
            _ => null,
        };
        var bounds = advised?.ToArray() ?? (instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets);
        return [.. bounds.Where(double.IsFinite).Distinct().Order()];
    }
}
