using System.Diagnostics;
using Trinity.Bench.Cluster;

namespace Trinity.Tests.Gateway.Engines.Remote;

/// <summary>Broken hand-overs and dead engines never hang a client or corrupt its text. (Corrupted frames are
/// injected through a test connector: <c>KvConnectorTests</c>.) These clusters give the gateway the engines' internal
/// addresses, as README's example does; the other distributed tests give it the addresses the engines started with.</summary>
public sealed class DistributedFailureTests
{
    [Fact]
    public async Task PrefillServesOtherWeights_DecodeRefusesTheKvAndRecomputes()
    {
        // Same shapes, other weights: a KV cache that would be accepted by shape alone must be refused by fingerprint.
        var spec = new Trinity.Engine.Model.BuiltIn.TinyModelSpec();
        var other = Path.Combine(TestModels.TempDirectory("other-weights"), Trinity.Engine.Model.BuiltIn.TinyModelSpec.DefaultName);
        Trinity.Engine.Model.BuiltIn.BuiltInModelWriter.Write(spec with { Seed = spec.Seed + 1 }, other);
        await using var allInOne = await GatewayHost.StartWithModelAsync(TestModels.TinyDirectory);
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            Model = TestModels.TinyDirectory,
            Home = TestModels.TempDirectory("other-weights-home"),
            VectorPool = false,
            GatewayUsesInternalUrls = true,
            PrefillEnvironment = new Dictionary<string, string> { ["Trinity__Model__Path"] = other },
        });
        using var client = new HttpClient { BaseAddress = new Uri(cluster.Gateway.Url), Timeout = TimeSpan.FromSeconds(60) };

        var expected = await DistributedChat.CompleteAsync(allInOne.Client, "Whose weights computed this?", 20);
        Assert.Equal(expected, await DistributedChat.CompleteAsync(client, "Whose weights computed this?", 20));
        Assert.Contains("different model", cluster.Decode[0].Log, StringComparison.Ordinal);
        Assert.True(await DistributedChat.MetricAsync(cluster.Decode[0].Url, "trinity_engine_kv_recomputes_total") >= 1);
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Decode[0].Url) };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("trinity_engine_kv_transfer_failures_total{", StringComparison.Ordinal)
            && l.Contains("reason=\"fingerprint\"", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecodeKilledMidStream_ClientStreamEndsWithErrorWithin10Seconds()
    {
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            Model = TestModels.TinyDirectory,
            Home = TestModels.TempDirectory("kill-home"),
            VectorPool = false,
            GatewayUsesInternalUrls = true,
        });
        using var client = new HttpClient { BaseAddress = new Uri(cluster.Gateway.Url), Timeout = TimeSpan.FromSeconds(60) };

        var killedAt = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var arrivals = new List<double>();
        var (text, done, error) = await DistributedChat.StreamAsync(client, "a long answer, please", 1900, chunk =>
        {
            arrivals.Add(clock.Elapsed.TotalMilliseconds);
            if (chunk == 5)
            {
                cluster.Decode[0].Kill();
                killedAt.Restart();
            }

            return Task.CompletedTask;
        }, ignoreEos: true);

        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(10), $"the stream ended {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.False(done, $"the stream finished normally after the decode engine was killed; decode exited: {cluster.Decode[0].HasExited}; {killedAt.Elapsed.TotalMilliseconds} ms after the kill; text length {text.Length}; chunk arrivals (ms) {string.Join(' ', arrivals.Take(8).Select(a => a.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} ... last {arrivals[^1]:0.0} count {arrivals.Count}; gateway log:\n{cluster.Gateway.Log}\ndecode log:\n{cluster.Decode[0].Log}");
        Assert.NotNull(error);
        Assert.False(string.IsNullOrEmpty(text));
    }
}
