using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Trinity.Bench;
using Trinity.Bench.Load;
using Trinity.Tests.Gateway;

namespace Trinity.Tests.Bench.Load;

public sealed class WorkloadCommandTests
{
    private const string Workload = """
        {
          "name": "test-mix",
          "rate": 20,
          "duration_s": 1.5,
          "seed": 3,
          "warmup_requests": 2,
          "slo": {
            "interactive": { "ttft_ms": 60000, "tpot_ms": 60000 },
            "agent": { "ttft_ms": 60000, "tpot_ms": 60000 }
          },
          "kinds": [
            { "name": "chat", "weight": 2, "slo": "interactive", "max_tokens": 6, "prompts": [ "What is Trinity?", "How do I start it?" ] },
            { "name": "rag", "slo": "agent", "max_tokens": 8, "prompts": [ "Which metrics are exported?" ],
              "retrieval": { "collection": "wl-docs", "k": 1, "mode": "interval", "interval_tokens": 4 } },
            { "name": "repeat", "slo": "interactive", "max_tokens": 4, "prompts": [ "What is Trinity?" ], "answer_cache": { "enabled": true } }
          ]
        }
        """;

    [Fact]
    public async Task Serve_WorkloadAgainstGateway_WritesOpenLoopRunsPerKindWithPoolFieldsAndPicture()
    {
        var folder = TestModels.TempDirectory("serve-workload");
        var settings = new Dictionary<string, string?>
        {
            ["Trinity:Home"] = Path.Combine(folder, "home"),
            // Targets no run can miss short of a hang: the test checks how attainment is computed and reported, not
            // this machine's speed (with 5 s / 1 s, a full suite on 2 busy cores once missed 3 of 16).
            ["Trinity:Slo:Policies:interactive:TtftMs"] = "60000",
            ["Trinity:Slo:Policies:interactive:TpotMs"] = "60000",
            ["Trinity:Slo:Policies:agent:TtftMs"] = "60000",
            ["Trinity:Slo:Policies:agent:TpotMs"] = "60000",
        };
        await using var host = await GatewayHost.StartAsync(settings);
        (await host.Client.PostAsJsonAsync("/v1/collections", new { name = "wl-docs", dimension = 384 })).EnsureSuccessStatusCode();
        (await host.Client.PostAsJsonAsync("/v1/collections/wl-docs/points", new { points = new[] { new { id = "a", text = "metrics are exported at /metrics", payload = new { text = "metrics are exported at /metrics" } } } })).EnsureSuccessStatusCode();
        var workload = Path.Combine(folder, "mix.json");
        await File.WriteAllTextAsync(workload, Workload);
        var json = Path.Combine(folder, "out.json");
        var picture = Path.Combine(folder, "out.svg");

        var exit = await ServeCommand.RunAsync(new BenchArguments(
            ["--workload", workload, "--url", new Uri(host.BaseAddress, "/v1").ToString(), "--policies", "trinity", "--json", json, "--report", picture]));

        Assert.Equal(0, exit);
        var runs = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["all", "chat", "rag", "repeat"], runs.Select(r => r.GetProperty("kind").GetString()));
        var all = runs[0];
        var planned = all.GetProperty("requests").GetInt32();
        Assert.InRange(planned, 10, 60);
        Assert.Equal(planned, runs.Skip(1).Sum(r => r.GetProperty("requests").GetInt32()));
        Assert.Equal(planned + 2, host.Engine.Requests.Count);
        Assert.Equal(planned, all.GetProperty("completed").GetInt32());
        Assert.Equal(0, all.GetProperty("refused").GetInt32());
        Assert.Equal("test-mix", all.GetProperty("label").GetString());
        Assert.Equal("trinity", all.GetProperty("policy").GetString());
        Assert.Equal(20, all.GetProperty("rate").GetDouble());
        foreach (var field in new[] { "ttft_p50_ms", "ttft_p99_ms", "tpot_p50_ms", "tpot_p99_ms", "e2e_p50_ms", "e2e_p99_ms", "throughput_rps", "goodput_rps" })
        {
            Assert.True(all.GetProperty(field).GetDouble() > 0, field);
        }

        foreach (var field in new[] { "slo_attainment", "ttft_attainment", "tpot_attainment" })
        {
            Assert.Equal(1.0, all.GetProperty(field).GetDouble());
        }

        foreach (var field in new[] { "pool_decode_searches", "pool_prefill_searches", "pool_decode_deadline_misses", "pool_preemptions", "server_tpot_met" })
        {
            Assert.True(all.TryGetProperty(field, out _), field);
        }

        Assert.Equal("agent", runs[2].GetProperty("slo_class").GetString());
        Assert.All(host.Engine.Requests, r => Assert.Contains(r.MaxTokens, new[] { 4, 6, 8 }));
        var svg = XDocument.Load(picture).Root!;
        Assert.Equal(2, svg.Descendants().Count(e => (string?)e.Attribute("class") == "cdf"));
    }

    [Fact]
    public async Task Serve_WorkloadWithUnknownSloPolicy_StopsWithTheServersMessage()
    {
        var folder = TestModels.TempDirectory("serve-workload-bad");
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Trinity:Home"] = Path.Combine(folder, "home") });
        var workload = Path.Combine(folder, "mix.json");
        await File.WriteAllTextAsync(workload, Workload);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ServeCommand.RunAsync(new BenchArguments(
            ["--workload", workload, "--url", new Uri(host.BaseAddress, "/v1").ToString()])));

        Assert.Contains("interactive", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ComparingPoliciesWithoutLaunch_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkloadOptions.Parse(new BenchArguments(
            ["--workload", "mixed", "--url", "http://127.0.0.1:1/v1", "--policies", "fifo,trinity"])));

        Assert.Contains("--launch", error.Message, StringComparison.Ordinal);
    }
}
