using System.Diagnostics.Metrics;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Diagnostics;

/// <summary>Instruments of meter <c>Trinity.VectorPool</c>.</summary>
internal sealed class VectorPoolMetrics
{
    public const string MeterName = "Trinity.VectorPool";

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
        _searchDuration = meter.CreateHistogram<double>("trinity.vector.search.duration", "s", "Time from submission to answer of a vector query");
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
