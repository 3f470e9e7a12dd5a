using Trinity.Gateway.Cache;
using Trinity.Gateway.Retrieval;

namespace Trinity.Gateway.Pipeline;

/// <summary>Clock readings and stage reports of one request, from its arrival (the protocol layer keeps them with its
/// exchange and reports them as headers and the <c>trinity</c> object). Sequences of one request (n &gt; 1) report
/// concurrently: the first report wins.</summary>
internal sealed class RequestTimings
{
    private readonly TimeProvider _time;
    private long _queueTicks = -1;
    private long _firstToken;
    private long _finished;

    public RequestTimings(TimeProvider time)
    {
        _time = time;
        Arrival = time.GetTimestamp();
    }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of arrival.</summary>
    public long Arrival { get; }

    /// <summary>Time since arrival.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(Arrival);

    public double? QueueMs => Interlocked.Read(ref _queueTicks) is var ticks and >= 0 ? ToMs(ticks) : null;

    public double? TtftMs => Since(Interlocked.Read(ref _firstToken));

    public double? E2eMs => Since(Interlocked.Read(ref _finished));

    /// <summary>Records how long the first admitted sequence waited; returns the wait in seconds.</summary>
    public double Admitted(long queueStart)
    {
        var ticks = _time.GetTimestamp() - queueStart;
        Interlocked.CompareExchange(ref _queueTicks, ticks, -1);
        return ticks / (double)_time.TimestampFrequency;
    }

    /// <summary>Marks the first generated token; returns the time to first token in seconds, or null if an earlier
    /// sequence already had one.</summary>
    public double? FirstToken()
    {
        var now = _time.GetTimestamp();
        return Interlocked.CompareExchange(ref _firstToken, now, 0) == 0 ? (now - Arrival) / (double)_time.TimestampFrequency : null;
    }

    /// <summary>Marks the end of generation; returns the end-to-end latency in seconds.</summary>
    public double Finished()
    {
        var now = _time.GetTimestamp();
        Interlocked.Exchange(ref _finished, now);
        return (now - Arrival) / (double)_time.TimestampFrequency;
    }

    /// <summary>The SLO policy the request runs under.</summary>
    public string? SloPolicy { get; set; }

    /// <summary>What retrieval did before prefill.</summary>
    public RetrievalReport? Retrieval { get; set; }

    /// <summary>What the answer cache did.</summary>
    public CacheReport? Cache { get; set; }

    private double? Since(long timestamp) => timestamp == 0 ? null : ToMs(timestamp - Arrival);

    private double ToMs(long ticks) => Math.Round(ticks * 1000.0 / _time.TimestampFrequency, 3);
}
