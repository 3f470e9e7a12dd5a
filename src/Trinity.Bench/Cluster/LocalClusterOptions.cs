namespace Trinity.Bench.Cluster;

/// <summary>Shape of a local cluster. Port 0 picks free ports.</summary>
internal sealed record LocalClusterOptions
{
    public int PrefillEngines { get; init; } = 1;

    public int DecodeEngines { get; init; } = 1;

    public bool VectorPool { get; init; } = true;

    public int GatewayPort { get; init; }

    /// <summary>First port of the engines (each takes two: public, then internal); 0 for free ports.</summary>
    public int BasePort { get; init; }

    /// <summary>TRINITY_HOME of every process (models, collections); null keeps the environment's.</summary>
    public string? Home { get; init; }

    /// <summary>Model folder; null means the built-in trinity-tiny.</summary>
    public string? Model { get; init; }

    /// <summary>Give the gateway the engines' internal (HTTP/2) addresses, as README's example does; otherwise the
    /// addresses they were started with (<c>--urls</c>), whose internal ones the gateway asks them for at start.</summary>
    public bool GatewayUsesInternalUrls { get; init; }

    /// <summary>Extra environment of the prefill engines (a model folder of their own in tests).</summary>
    public IReadOnlyDictionary<string, string> PrefillEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra environment of the gateway.</summary>
    public IReadOnlyDictionary<string, string> GatewayEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Cluster token of every process (<c>Trinity__Cluster__Token</c>); null generates one for the run.</summary>
    public string? ClusterToken { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
