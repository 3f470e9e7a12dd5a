using System.Diagnostics.Metrics;

namespace Trinity.Gateway.Cache;

/// <summary>Meter <c>Trinity.AnswerCache</c>: lookups by tier and outcome, lookup duration, entries, evictions,
/// stores and bypasses.</summary>
internal sealed class AnswerCacheMetrics
{
    public const string MeterName = "Trinity.AnswerCache";

    private readonly Meter _meter;
    private readonly Counter<long> _lookups;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _stores;
    private readonly Counter<long> _bypasses;

    public AnswerCacheMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _lookups = _meter.CreateCounter<long>("trinity.answer_cache.lookups", "{lookup}", "Lookups by tier (exact, semantic) and outcome (hit, miss, rejected by the guard, timeout, error)");
        _duration = _meter.CreateHistogram<double>("trinity.answer_cache.lookup.duration", "s", "Time of a whole lookup (both tiers) by outcome (hit, miss)");
        _evictions = _meter.CreateCounter<long>("trinity.answer_cache.evictions", "{entry}", "Answers dropped by reason (lru, expired, invalidated)");
        _stores = _meter.CreateCounter<long>("trinity.answer_cache.stores", "{entry}", "Answers written to the cache");
        _bypasses = _meter.CreateCounter<long>("trinity.answer_cache.bypasses", "{request}", "Requests not looked up, by reason");
    }

    /// <summary>Publishes the number of cached answers (called once by the cache that owns them).</summary>
    public void ObserveEntries(Func<int> count) =>
        _meter.CreateObservableGauge("trinity.answer_cache.entries", count, "{entry}", "Answers in the cache");

    public void Lookup(string tier, string outcome) => _lookups.Add(1, new("tier", tier), new("outcome", outcome));

    public void Duration(TimeSpan elapsed, bool hit) => _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", hit ? "hit" : "miss"));

    public void Evicted(int count, string reason)
    {
        if (count > 0)
        {
            _evictions.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void Stored() => _stores.Add(1);

    public void Bypassed(string reason) => _bypasses.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
