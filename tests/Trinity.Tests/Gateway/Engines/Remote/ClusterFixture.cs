using Trinity.Bench.Cluster;

namespace Trinity.Tests.Gateway.Engines.Remote;

/// <summary>A distributed Trinity on loopback (prefill, two decode engines, gateway: real processes) shared by a test class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    internal LocalCluster Cluster { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            Model = TestModels.TinyDirectory,
            Home = TestModels.TempDirectory("cluster-home"),
            DecodeEngines = 2,
            VectorPool = true,
        });
        Client = new HttpClient { BaseAddress = new Uri(Cluster.Gateway.Url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
    }
}
