namespace Trinity.Common.Prometheus;

/// <summary>What <c>/metrics</c> exports (section <c>Trinity:Metrics</c>).</summary>
public sealed record MetricsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Trinity:Metrics";

    /// <summary>Meters whose name starts with this are always exported.</summary>
    public const string TrinityPrefix = "Trinity";

    /// <summary>Further meter names to export (e.g. <c>Microsoft.AspNetCore.Hosting</c>).</summary>
    public IReadOnlyList<string> AdditionalMeters { get; init; } = [];
}
