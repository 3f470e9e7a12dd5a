using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Trinity.Bench.Load.Metrics;
using Trinity.Tests.Gateway;

namespace Trinity.Tests.Bench.Load.Metrics;

public sealed class PoolMetricsGatewayTests
{
    [Fact]
    public async Task ScrapeAsync_AroundSearches_CountsThemByStage()
    {
        var home = TestModels.TempDirectory("pool-metrics");
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Trinity:Home"] = home });
        var v1 = new Uri(host.BaseAddress, "/v1/");
        (await host.Client.PostAsJsonAsync("/v1/collections", new { name = "m", dimension = 4 })).EnsureSuccessStatusCode();
        (await host.Client.PostAsJsonAsync("/v1/collections/m/points", new { points = new[] { new { id = 1, vector = new[] { 1f, 0, 0, 0 } } } })).EnsureSuccessStatusCode();

        var before = await PoolMetrics.ScrapeAsync(host.Client, v1);
        foreach (var stage in new[] { "decode", "decode", "decode", "prefill", "prefill" })
        {
            (await host.Client.PostAsJsonAsync("/v1/collections/m/search", new { vector = new[] { 1f, 0, 0, 0 }, k = 1, stage })).EnsureSuccessStatusCode();
        }

        var after = await PoolMetrics.ScrapeAsync(host.Client, v1);
        var run = new JsonObject();
        PoolMetrics.AddTo(run, after!.Minus(before!));

        Assert.Equal(3, run["pool_decode_searches"]!.GetValue<long>());
        Assert.Equal(2, run["pool_prefill_searches"]!.GetValue<long>());
        Assert.True(run["pool_decode_p50_ms"]!.GetValue<double>() > 0);
        Assert.True(run["pool_prefill_p99_ms"]!.GetValue<double>() > 0);
    }
}
