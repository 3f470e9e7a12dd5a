using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trinity.Common.Prometheus;

namespace Trinity.Tests.Common.Prometheus;

public sealed class PrometheusExporterTests
{
    private static ServiceProvider Services() => new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void Collect_CounterHistogramGauge_WritesExpositionFormat()
    {
        using var services = Services();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(factory, Options.Create(new MetricsOptions()));
        var meter = factory.Create("Trinity.Test");
        var counter = meter.CreateCounter<long>("trinity.test.hits", "{hit}", "Hits.\nSecond line \\ end");
        var histogram = meter.CreateHistogram("trinity.test.latency", "s", "Latency.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        meter.CreateObservableGauge("trinity.test.running", () => 7, "{sequence}", "Running.");

        counter.Add(2, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));
        counter.Add(3, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));
        counter.Add(1, new KeyValuePair<string, object?>("path", "other"), new KeyValuePair<string, object?>("status", 200));
        histogram.Record(0.05);
        histogram.Record(0.5);
        histogram.Record(5);
        var text = exporter.Collect();

        Assert.Equal(
            """
            # HELP trinity_test_hits_total Hits.\nSecond line \\ end
            # TYPE trinity_test_hits_total counter
            trinity_test_hits_total{path="a\"b\\c\nd"} 5
            trinity_test_hits_total{path="other",status="200"} 1
            # HELP trinity_test_latency_seconds Latency.
            # TYPE trinity_test_latency_seconds histogram
            trinity_test_latency_seconds_sum 5.55
            trinity_test_latency_seconds_count 3
            trinity_test_latency_seconds_bucket{le="0.1"} 1
            trinity_test_latency_seconds_bucket{le="1"} 2
            trinity_test_latency_seconds_bucket{le="+Inf"} 3
            # HELP trinity_test_running Running.
            # TYPE trinity_test_running gauge
            trinity_test_running 7

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void Collect_MeterOfAnotherHostOrLibrary_IsNotExported()
    {
        using var services = Services();
        using var otherServices = Services();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(factory, Options.Create(new MetricsOptions()));
        var mine = factory.Create("Trinity.Mine").CreateCounter<int>("trinity.mine");
        var otherHost = otherServices.GetRequiredService<IMeterFactory>().Create("Trinity.Mine").CreateCounter<int>("trinity.other_host");
        var library = factory.Create("Some.Library").CreateCounter<int>("library.calls");

        mine.Add(1);
        otherHost.Add(1);
        library.Add(1);
        var text = exporter.Collect();

        Assert.Contains("trinity_mine_total 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other_host", text, StringComparison.Ordinal);
        Assert.DoesNotContain("library", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trinity.time_to_first_token", "s", "Histogram", "trinity_time_to_first_token_seconds")]
    [InlineData("trinity.prompt_tokens", "{token}", "Counter", "trinity_prompt_tokens_total")]
    [InlineData("trinity.kv.transfer", "By", "Counter", "trinity_kv_transfer_bytes_total")]
    [InlineData("trinity.kv-cache.usage", "1", "LastValueGauge", "trinity_kv_cache_usage")]
    [InlineData("trinity.latency_seconds", "s", "Histogram", "trinity_latency_seconds")]
    [InlineData("9lives", null, "SumGauge", "_9lives")]
    public void MetricName_MapsNameUnitAndType(string instrument, string? unit, string kind, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(instrument, unit, Enum.Parse<MetricKind>(kind)));
}
