using System.Text.Json.Nodes;
using Trinity.Bench.Load.Metrics;

namespace Trinity.Tests.Bench.Load.Metrics;

public sealed class MetricsSnapshotTests
{
    private const string Before = """
        # HELP trinity_vector_search_duration_seconds Time from submission to answer of a vector query
        # TYPE trinity_vector_search_duration_seconds histogram
        trinity_vector_search_duration_seconds_bucket{stage="decode",le="0.005"} 10
        trinity_vector_search_duration_seconds_bucket{stage="decode",le="0.01"} 10
        trinity_vector_search_duration_seconds_bucket{stage="decode",le="0.1"} 10
        trinity_vector_search_duration_seconds_bucket{stage="decode",le="+Inf"} 10
        trinity_vector_search_duration_seconds_sum{stage="decode"} 0.02
        trinity_vector_search_duration_seconds_count{stage="decode"} 10
        trinity_vector_deadline_misses_total{stage="decode"} 1
        trinity_slo_requests_total{outcome="met",policy="interactive",stage="tpot"} 5
        """;

    // 100 more decode searches: 50 under 5 ms, 40 in (5, 10] ms, 9 in (10, 100] ms, 1 above; 4 prefill searches.
    private const string After = """
        # TYPE trinity_vector_search_duration_seconds histogram
        trinity_vector_search_duration_seconds_bucket{stage="decode",le="0.005"} 60
        trinity_vector_search_duration_seconds_bucket{stage="decode",le="0.01"} 100
        trinity_vector_search_duration_seconds_bucket{stage="decode",le="0.1"} 109
        trinity_vector_search_duration_seconds_bucket{stage="decode",le="+Inf"} 110
        trinity_vector_search_duration_seconds_sum{stage="decode"} 0.9
        trinity_vector_search_duration_seconds_count{stage="decode"} 110
        trinity_vector_search_duration_seconds_bucket{stage="prefill",le="0.005"} 0
        trinity_vector_search_duration_seconds_bucket{stage="prefill",le="0.01"} 0
        trinity_vector_search_duration_seconds_bucket{stage="prefill",le="0.1"} 4
        trinity_vector_search_duration_seconds_bucket{stage="prefill",le="+Inf"} 4
        trinity_vector_deadline_misses_total{stage="decode"} 4
        trinity_vector_preemptions_total 12
        trinity_slo_requests_total{outcome="met",policy="interactive",stage="tpot"} 25
        trinity_slo_requests_total{outcome="missed",policy="agent",stage="tpot"} 3
        trinity_slo_requests_total{outcome="missed",policy="interactive",stage="tpot"} 2
        trinity_slo_rejections_total{policy="interactive"} 7
        some_label_escapes{path="a\"b\\c",x="1"} 2.5e3
        """;

    [Fact]
    public void HistogramQuantile_InterpolatesInsideTheBucketLikePromQl()
    {
        List<(double Le, double Count)> buckets = [(0.005, 50), (0.01, 90), (0.1, 99), (double.PositiveInfinity, 100)];

        Assert.Equal(0.005, HistogramQuantile.Of(buckets, 0.5), 9);
        Assert.Equal(0.0025, HistogramQuantile.Of(buckets, 0.25), 9);
        Assert.Equal(0.0075, HistogramQuantile.Of(buckets, 0.7), 9);
        Assert.Equal(0.1, HistogramQuantile.Of(buckets, 0.99), 9);
        Assert.Equal(0.1, HistogramQuantile.Of(buckets, 0.999), 9);
        Assert.True(double.IsNaN(HistogramQuantile.Of([(0.1, 0), (double.PositiveInfinity, 0)], 0.5)));
    }

    [Fact]
    public void Minus_GivesTheRunsOwnBucketsAndCounters()
    {
        var delta = MetricsSnapshot.Parse(After).Minus(MetricsSnapshot.Parse(Before));

        Assert.Equal([(0.005, 50.0), (0.01, 90.0), (0.1, 99.0), (double.PositiveInfinity, 100.0)], delta.Buckets(PoolMetrics.SearchDuration, ("stage", "decode")));
        Assert.Equal(3, delta.Sum(PoolMetrics.DeadlineMisses, ("stage", "decode")));
        Assert.Equal(20, delta.Sum(PoolMetrics.SloRequests, ("stage", "tpot"), ("outcome", "met")));
        Assert.Equal(5, delta.Sum(PoolMetrics.SloRequests, ("outcome", "missed")));
        Assert.Equal(2500, MetricsSnapshot.Parse(After).Sum("some_label_escapes", ("path", "a\"b\\c")));
    }

    [Fact]
    public void AddTo_WritesPerStagePoolLatencyMissesAndServerSloCounts()
    {
        var run = new JsonObject();

        PoolMetrics.AddTo(run, MetricsSnapshot.Parse(After).Minus(MetricsSnapshot.Parse(Before)));

        Assert.Equal(100, run["pool_decode_searches"]!.GetValue<long>());
        Assert.Equal(5.0, run["pool_decode_p50_ms"]!.GetValue<double>(), 6);
        Assert.Equal(100.0, run["pool_decode_p99_ms"]!.GetValue<double>(), 6);
        Assert.Equal(3, run["pool_decode_deadline_misses"]!.GetValue<long>());
        Assert.Equal(0.03, run["pool_decode_miss_rate"]!.GetValue<double>());
        Assert.Equal(4, run["pool_prefill_searches"]!.GetValue<long>());
        Assert.Equal(55.0, run["pool_prefill_p50_ms"]!.GetValue<double>(), 6);
        Assert.Equal(0, run["pool_prefill_deadline_misses"]!.GetValue<long>());
        Assert.Equal(12, run["pool_preemptions"]!.GetValue<long>());
        Assert.Equal(20, run["server_tpot_met"]!.GetValue<long>());
        Assert.Equal(5, run["server_tpot_missed"]!.GetValue<long>());
        Assert.Equal(7, run["server_refused"]!.GetValue<long>());
    }

    [Fact]
    public void AddTo_NoSearches_LeavesLatencyEmpty()
    {
        var run = new JsonObject();

        PoolMetrics.AddTo(run, MetricsSnapshot.Empty);

        Assert.Equal(0, run["pool_decode_searches"]!.GetValue<long>());
        Assert.Null(run["pool_decode_p99_ms"]);
        Assert.Null(run["pool_decode_miss_rate"]);
    }
}
