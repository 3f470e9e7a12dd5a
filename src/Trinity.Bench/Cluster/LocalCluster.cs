namespace Trinity.Bench.Cluster;

/// <summary>
/// Trinity distributed on loopback: prefill, decode and vector-pool engines and a gateway routing between them,
/// each a real process. Used by <c>Trinity.Bench cluster</c> and by the integration tests.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<ClusterProcess> _processes = [];

    private LocalCluster()
    {
    }

    public ClusterProcess Gateway { get; private set; } = null!;

    public IReadOnlyList<ClusterProcess> Prefill { get; private set; } = [];

    public IReadOnlyList<ClusterProcess> Decode { get; private set; } = [];

    public ClusterProcess? Vector { get; private set; }

    public IReadOnlyList<ClusterProcess> Processes => _processes;

    /// <summary>The cluster token every process of this run shares (generated per run unless given).</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>A fresh random cluster token.</summary>
    public static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static async Task<LocalCluster> StartAsync(LocalClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = new LocalCluster();
        try
        {
            cluster.Token = options.ClusterToken ?? NewToken();
            var common = new Dictionary<string, string> { ["Trinity__Cluster__Token"] = cluster.Token };
            if (options.Home is not null)
            {
                common["TRINITY_HOME"] = options.Home;
            }

            if (options.Model is not null)
            {
                common["Trinity__Model__Path"] = options.Model;
            }

            var port = options.BasePort;
            Task<ClusterProcess> Engine(string role, int index, IReadOnlyDictionary<string, string>? extra = null)
            {
                var publicPort = port == 0 ? 0 : port++;
                var internalPort = port == 0 ? 0 : port++;
                var environment = new Dictionary<string, string>(common);
                foreach (var (key, value) in extra ?? new Dictionary<string, string>())
                {
                    environment[key] = value;
                }

                return ClusterProcess.StartAsync($"{role}-{index}", "Trinity.Engine.dll",
                    ["--role", role, "--urls", $"http://127.0.0.1:{publicPort}", "--internal-urls", $"http://127.0.0.1:{internalPort}"],
                    environment, options.StartTimeout);
            }

            // The vector pool first: decode engines (retrieval during decode) and the gateway need its address.
            if (options.VectorPool)
            {
                cluster.Vector = await Engine("vector", 0).ConfigureAwait(false);
                cluster._processes.Add(cluster.Vector);
                common["Trinity__VectorPool__Remote__0"] = cluster.Vector.InternalUrl;
            }

            var prefill = Enumerable.Range(0, options.PrefillEngines).Select(i => Engine("prefill", i, options.PrefillEnvironment)).ToList();
            var decode = Enumerable.Range(0, options.DecodeEngines).Select(i => Engine("decode", i)).ToList();
            var all = prefill.Concat(decode).ToList();
            try
            {
                await Task.WhenAll(all).ConfigureAwait(false);
            }
            finally
            {
                cluster._processes.AddRange(all.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            cluster.Prefill = prefill.Select(t => t.Result).ToArray();
            cluster.Decode = decode.Select(t => t.Result).ToArray();

            var gatewayEnvironment = new Dictionary<string, string>(common);
            for (var i = 0; i < cluster.Prefill.Count; i++)
            {
                gatewayEnvironment[$"Trinity__Engines__Prefill__{i}"] = options.GatewayUsesInternalUrls ? cluster.Prefill[i].InternalUrl : cluster.Prefill[i].Url;
            }

            for (var i = 0; i < cluster.Decode.Count; i++)
            {
                gatewayEnvironment[$"Trinity__Engines__Decode__{i}"] = options.GatewayUsesInternalUrls ? cluster.Decode[i].InternalUrl : cluster.Decode[i].Url;
            }

            foreach (var (key, value) in options.GatewayEnvironment)
            {
                gatewayEnvironment[key] = value;
            }

            cluster.Gateway = await ClusterProcess.StartAsync("gateway", "Trinity.Gateway.dll", ["--urls", $"http://127.0.0.1:{options.GatewayPort}"], gatewayEnvironment, options.StartTimeout).ConfigureAwait(false);
            cluster._processes.Add(cluster.Gateway);
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
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        _processes.Clear();
    }
}
