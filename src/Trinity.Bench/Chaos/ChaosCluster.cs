using System.Net;
using System.Net.Sockets;
using Trinity.Bench.Cluster;

namespace Trinity.Bench.Chaos;

/// <summary>
/// The local cluster of the chaos run on fixed loopback ports (a restarted process comes back where its peers look
/// for it): the vector pool, a prefill and a decode engine, and two gateways, all sharing one cluster token.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    private readonly List<ChaosRole> _roles = [];

    private ChaosCluster()
    {
    }

    public IReadOnlyList<ChaosRole> Roles => _roles;

    public ChaosRole Gateway => _roles.Single(r => r.Name == "gateway-0");

    public ChaosRole SecondGateway => _roles.Single(r => r.Name == "gateway-1");

    public static async Task<ChaosCluster> StartAsync(string home)
    {
        var cluster = new ChaosCluster();
        try
        {
            var common = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["TRINITY_HOME"] = home,
                ["Trinity__Cluster__Token"] = LocalCluster.NewToken(),
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            };
            string Url(int port) => $"http://127.0.0.1:{port}";
            ChaosRole Engine(string role)
            {
                var (publicPort, internalPort) = (FreePort(), FreePort());
                return new ChaosRole($"{role}-0", "Trinity.Engine.dll", ["--role", role, "--urls", Url(publicPort), "--internal-urls", Url(internalPort)], common);
            }

            var vector = Engine("vector");
            cluster._roles.Add(vector);
            await vector.StartAsync().ConfigureAwait(false);
            common["Trinity__VectorPool__Remote__0"] = vector.InternalUrl;
            var prefill = Engine("prefill");
            var decode = Engine("decode");
            cluster._roles.AddRange([prefill, decode]);
            await Task.WhenAll(prefill.StartAsync(), decode.StartAsync()).ConfigureAwait(false);
            var gatewayEnvironment = new Dictionary<string, string>(common)
            {
                ["Trinity__Engines__Prefill__0"] = prefill.InternalUrl,
                ["Trinity__Engines__Decode__0"] = decode.InternalUrl,

                // Chaos looks for hangs and lost writes, not SLOs: a request waits for a slot rather than being refused.
                ["Trinity__Slo__AdmissionControl"] = "false",
            };
            for (var i = 0; i < 2; i++)
            {
                var gateway = new ChaosRole($"gateway-{i}", "Trinity.Gateway.dll", ["--urls", Url(FreePort())], gatewayEnvironment);
                cluster._roles.Add(gateway);
                await gateway.StartAsync().ConfigureAwait(false);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var role in Enumerable.Reverse(_roles))
        {
            await role.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
