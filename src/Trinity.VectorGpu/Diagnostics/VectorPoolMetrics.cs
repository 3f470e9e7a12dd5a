using System.Diagnostics.Metrics;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Diagnostics;

/// <summary>Instruments of meter <c>Trinity.VectorPool</c>.</summary>
internal sealed class VectorPoolMetrics
{
    public const string MeterName = "Trinity.VectorPool";

    /// <summary>Search latency buckets: decode-stage searches take about a millisecond and prefill-stage scans tens to
    /// hundreds, so the exporter's default (5 ms first, then 10, 25, 50, 100) would make per-stage P50/P99 read from
    /// the histogram (the serve bench does) little more than bucket names.</summary>
    private static readonly double[] SearchBuckets =
        [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10];

    private readonly Histogram<double> _searchDuration;
    private readonly Histogram<double> _iterationDuration;
    private readonly Histogram<int> _iterationBatch;
    private readonly Counter<long> _deadlineMisses;
    private readonly Counter<long> _preemptions;
    private int _queueDepth;

    public VectorPoolMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _searchDuration = meter.CreateHistogram<double>(
            "trinity.vector.search.duration", "s", "Time from submission to answer of a vector query", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SearchBuckets });
        _iterationDuration = meter.CreateHistogram<double>("trinity.vector.iteration.duration", "s", "Device time of one pool iteration");
        _iterationBatch = meter.CreateHistogram<int>("trinity.vector.iteration.batch_size", "{query}", "Queries with work in one iteration");
        _deadlineMisses = meter.CreateCounter<long>("trinity.vector.deadline.misses", "{query}", "Queries answered after their deadline");
        _preemptions = meter.CreateCounter<long>("trinity.vector.preemptions", "{query}", "Started queries left out of an iteration for more urgent work");
        meter.CreateObservableGauge("trinity.vector.queue.depth", () => Volatile.Read(ref _queueDepth), "{query}", "Queries waiting or running in the pool");
    }

    public void QueueDepth(int depth) => Volatile.Write(ref _queueDepth, depth);

    public void SearchCompleted(SearchStage stage, TimeSpan elapsed, bool missedDeadline)
    {
        var tag = new KeyValuePair<string, object?>("stage", stage == SearchStage.Decode ? "decode" : "prefill");
        _searchDuration.Record(elapsed.TotalSeconds, tag);
        if (missedDeadline)
        {
            _deadlineMisses.Add(1, tag);
        }
    }

    public void Iteration(TimeSpan elapsed, int queries, int preempted)
    {
        _iterationDuration.Record(elapsed.TotalSeconds);
        _iterationBatch.Record(queries);
        if (preempted > 0)
        {
            _preemptions.Add(preempted);
        }
    }
}
