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

    /// <summary>Extra environment of the prefill engines (e.g. fault injection in tests).</summary>
    public IReadOnlyDictionary<string, string> PrefillEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra environment of the gateway.</summary>
    public IReadOnlyDictionary<string, string> GatewayEnvironment { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
