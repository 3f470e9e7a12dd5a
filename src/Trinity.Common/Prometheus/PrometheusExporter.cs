using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Options;

namespace Trinity.Common.Prometheus;

/// <summary>Aggregates <see cref="System.Diagnostics.Metrics"/> measurements of Trinity's meters (those of this host's
/// <see cref="IMeterFactory"/>, or unscoped ones) and renders them for Prometheus on each scrape.</summary>
internal sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly IMeterFactory _meterFactory;
    private readonly HashSet<string> _additionalMeters;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Lock _scrapeLock = new();
    private readonly MeterListener _listener;

    public PrometheusExporter(IMeterFactory meterFactory, IOptions<MetricsOptions> options)
    {
        _meterFactory = meterFactory;
        _additionalMeters = new HashSet<string>(options.Value.AdditionalMeters, StringComparer.Ordinal);
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = (instrument, state) => _instruments.TryRemove(instrument, out var _),
        };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentState)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Renders every exported metric (observable instruments are read now).</summary>
    public string Collect()
    {
        lock (_scrapeLock)
        {
            foreach (var state in _instruments.Values)
            {
                if (state.Instrument.IsObservable)
                {
                    state.ResetObserved();
                }
            }

            _listener.RecordObservableInstruments();
            var output = new StringBuilder(8192);
            var families = _instruments.Values
                .GroupBy(s => PrometheusNaming.MetricName(s.Instrument.Name, s.Instrument.Unit, s.Kind), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var family in families)
            {
                // Instruments that map to one name must agree on type and buckets; the first one defines them.
                var first = family.First();
                var parts = family
                    .Where(s => s.Kind == first.Kind && s.BucketBounds.AsSpan().SequenceEqual(first.BucketBounds))
                    .Select(s => (s, s.Snapshot()))
                    .ToList();
                PrometheusTextWriter.WriteFamily(output, family.Key, first.Instrument.Description, first.Kind, first.BucketBounds, parts);
            }

            return output.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

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

        var state = new InstrumentState(instrument, kind, kind == MetricKind.Histogram ? BucketsOf(instrument) : []);
        _instruments[instrument] = state;
        listener.EnableMeasurementEvents(instrument, state);
    }

    private static MetricKind? KindOf(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return MetricKind.Counter;
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return MetricKind.ObservedCounter;
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return MetricKind.SumGauge;
        }

        if (definition == typeof(Histogram<>))
        {
            return MetricKind.Histogram;
        }

        return definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>)
            ? MetricKind.LastValueGauge
            : null;
    }

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
