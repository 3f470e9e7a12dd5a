using System.Diagnostics.Metrics;
using Trinity.Engine.KvTransfer;

namespace Trinity.Engine.Diagnostics;

/// <summary>
/// An engine's instruments (meter <c>Trinity.Engine</c>): batch size, queue depth, running sequences, KV bytes,
/// KV transfer bytes and latency, and prompts recomputed because their KV could not be pulled.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "Trinity.Engine";

    private readonly Counter<long> _transferBytes;
    private readonly Histogram<double> _transferDuration;
    private readonly Counter<long> _recomputes;
    private readonly Counter<long> _transferFailures;
    private readonly Counter<long> _retrievals;
    private readonly Histogram<double> _retrievalWait;

    public EngineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _transferBytes = Meter.CreateCounter<long>("trinity.engine.kv.transfer.bytes", "By", "KV cache bytes moved between engines");
        _transferDuration = Meter.CreateHistogram<double>("trinity.engine.kv.transfer.duration", "s", "Time to pull one KV cache from a prefill engine",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _recomputes = Meter.CreateCounter<long>("trinity.engine.kv.recomputes", "{request}", "Prompts recomputed on the decode engine because their KV could not be used");
        _transferFailures = Meter.CreateCounter<long>("trinity.engine.kv.transfer.failures", "{request}", "KV pulls that failed, by reason");
        _retrievals = Meter.CreateCounter<long>("trinity.engine.decode_retrievals", "{search}", "Searches made during decode, by outcome (injected, empty, timeout, error)");
        _retrievalWait = Meter.CreateHistogram<double>("trinity.engine.decode_retrieval.wait", "s", "Time a sequence waited outside the batch for its decode-stage search",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public Meter Meter { get; }

    /// <summary>Registers observable gauges over a running engine.</summary>
    public void Observe(Func<int> batchSize, Func<int> waiting, Func<int> running, Func<long> kvBytes, Func<long>? storeBytes = null)
    {
        Meter.CreateObservableGauge("trinity.engine.batch.size", batchSize, "{sequence}", "Sequences in the decode batch");
        Meter.CreateObservableGauge("trinity.engine.queue.depth", waiting, "{request}", "Requests waiting for admission");
        Meter.CreateObservableGauge("trinity.engine.running", running, "{request}", "Sequences being prefilled or decoded");
        Meter.CreateObservableGauge("trinity.engine.kv.bytes", kvBytes, "By", "KV cache bytes held by running sequences");
        if (storeBytes is not null)
        {
            Meter.CreateObservableGauge("trinity.engine.kv.store.bytes", storeBytes, "By", "Prefilled KV cache bytes waiting to be pulled");
        }
    }

    public void Transferred(long bytes, TimeSpan duration)
    {
        _transferBytes.Add(bytes);
        _transferDuration.Record(duration.TotalSeconds);
    }

    public void DecodeRetrieval(string outcome, TimeSpan wait)
    {
        _retrievals.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _retrievalWait.Record(wait.TotalSeconds);
    }

    /// <summary>Counts a hand-over that failed, by its typed reason, and the prompt recomputed because of it.</summary>
    public void TransferFailed(KvFailure reason)
    {
        _transferFailures.Add(1, new KeyValuePair<string, object?>("reason", reason.Label()));
        _recomputes.Add(1);
    }
}
