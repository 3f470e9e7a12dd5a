using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Trinity.Bench.Cluster;

namespace Trinity.Tests.Gateway.Engines.Remote;

/// <summary>One address per engine: a gateway given the addresses the engines were started with (<c>--urls</c>) finds
/// their internal listeners and serves the all-in-one text; a wrong address stops the gateway's start, naming the
/// setting, instead of failing every request.</summary>
public sealed class EngineAddressTests
{
    [Fact]
    public async Task Gateway_GivenEnginesStartAddresses_SameGreedyTextAsAllInOne_KvMovedBetweenProcesses()
    {
        await using var allInOne = await GatewayHost.StartWithModelAsync(TestModels.TinyDirectory);
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            Model = TestModels.TinyDirectory,
            Home = TestModels.TempDirectory("public-urls-home"),
            VectorPool = false,
            GatewayUsesInternalUrls = false,
        });
        using var client = new HttpClient { BaseAddress = new Uri(cluster.Gateway.Url), Timeout = TimeSpan.FromSeconds(60) };

        foreach (var prompt in (string[])["One address per engine.", "Grüße 🎉"])
        {
            Assert.Equal(await DistributedChat.CompleteAsync(allInOne.Client, prompt, 20), await DistributedChat.CompleteAsync(client, prompt, 20));
        }

        Assert.Contains($"internal API at {cluster.Decode[0].InternalUrl}/", cluster.Gateway.Log, StringComparison.Ordinal);
        Assert.True(await DistributedChat.MetricAsync(cluster.Decode[0].Url, "trinity_engine_kv_transfer_bytes_total") > 0);
        Assert.Equal(0, await DistributedChat.MetricAsync(cluster.Decode[0].Url, "trinity_engine_kv_recomputes_total"));
    }

    [Fact]
    public async Task Gateway_DecodeAddressWithNothingThere_FailsAtStartNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartWithModelAsync(TestModels.TinyDirectory, new Dictionary<string, string?>
        {
            ["Trinity:Engines:Decode:0"] = $"http://127.0.0.1:{FreePort()}",
            ["Trinity:Engines:StartupTimeoutSeconds"] = "0.5",
        }));

        Assert.Contains("Trinity:Engines:Decode:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_AddressOfSomethingElse_FailsAtStartNamingTheSetting()
    {
        // Another gateway answers HTTP, but is no engine.
        await using var other = await GatewayHost.StartAsync();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartWithModelAsync(TestModels.TinyDirectory, new Dictionary<string, string?>
        {
            ["Trinity:Engines:Decode:0"] = other.BaseAddress.ToString(),
        }));

        Assert.Contains("Trinity:Engines:Decode:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a Trinity engine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_DecodeEngineListedAsPrefill_FailsAtStartNamingTheSetting()
    {
        await using var decode = await ClusterProcess.StartAsync("decode-0", "Trinity.Engine.dll",
            ["--role", "decode", "--urls", "http://127.0.0.1:0", "--internal-urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["Trinity__Model__Path"] = TestModels.TinyDirectory, ["TRINITY_HOME"] = TestModels.TempDirectory("wrong-role-home") },
            TimeSpan.FromSeconds(90));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartWithModelAsync(TestModels.TinyDirectory, new Dictionary<string, string?>
        {
            ["Trinity:Engines:Prefill:0"] = decode.Url,
            ["Trinity:Engines:Decode:0"] = decode.Url,
        }));

        Assert.Contains("Trinity:Engines:Prefill:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("is a Trinity decode engine", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
