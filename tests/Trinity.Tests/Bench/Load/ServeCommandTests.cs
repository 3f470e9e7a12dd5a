using System.Text.Json;
using Trinity.Bench;
using Trinity.Bench.Load;
using Trinity.Tests.Gateway;

namespace Trinity.Tests.Bench.Load;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_AgainstGateway_WritesServeRunsWithStableFieldNames()
    {
        await using var host = await GatewayHost.StartAsync();
        var json = Path.Combine(TestModels.TempDirectory("serve-bench"), "serve.json");

        var exit = await ServeCommand.RunAsync(new BenchArguments(
            ["--url", new Uri(host.BaseAddress, "/v1").ToString(), "--concurrency", "1,2", "--requests", "6", "--warmup", "1", "--max-tokens", "4", "--json", json]));

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
        Assert.StartsWith("serve", root.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([1, 2], runs.Select(r => r.GetProperty("concurrency").GetInt32()));
        foreach (var run in runs)
        {
            Assert.Equal("gateway", run.GetProperty("label").GetString());
            Assert.Equal(6, run.GetProperty("requests").GetInt32());
            Assert.Equal(0, run.GetProperty("errors").GetInt32());
            foreach (var field in new[] { "ttft_p50_ms", "ttft_p99_ms", "tpot_p50_ms", "tpot_p99_ms", "e2e_p50_ms", "e2e_p99_ms", "throughput_rps", "goodput_rps" })
            {
                Assert.True(run.GetProperty(field).GetDouble() > 0, field);
            }

            Assert.True(run.GetProperty("ttft_p50_ms").GetDouble() <= run.GetProperty("e2e_p50_ms").GetDouble());
            Assert.Equal(1.0, run.GetProperty("slo_attainment").GetDouble());
        }

        Assert.Equal(2 * (6 + 1), host.Engine.Requests.Count);
        Assert.All(host.Engine.Requests, r => Assert.Equal(4, r.MaxTokens));
    }

    [Fact]
    public void TpotMs_FollowsTheServingDefinition()
    {
        var sample = new RequestSample(TtftMs: 10, E2eMs: 40, OutputTokens: 4, ServerTtftMs: null, Error: null);

        Assert.Equal(10, sample.TpotMs);
        Assert.Null((sample with { OutputTokens = 1 }).TpotMs);
    }
}
