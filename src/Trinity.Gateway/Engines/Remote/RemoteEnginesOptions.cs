using System.ComponentModel.DataAnnotations;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// Distributed mode (configuration section <c>Trinity:Engines</c>): the addresses of the prefill and decode engines,
/// either the one each was started with (<c>--urls</c>) or its internal (HTTP/2) one; the gateway asks each engine for
/// its internal address at start. With no decode engine configured the gateway runs all-in-one.
/// </summary>
public sealed record RemoteEnginesOptions
{
    public const string SectionName = "Trinity:Engines";

    /// <summary>Prefill engines' URLs. Optional: without one, decode engines compute prompts themselves.</summary>
    public IReadOnlyList<string> Prefill { get; init; } = [];

    /// <summary>Decode engines' URLs.</summary>
    public IReadOnlyList<string> Decode { get; init; } = [];

    /// <summary>Seconds between active health probes of every engine.</summary>
    [Range(0.1, 3600)]
    public double HealthIntervalSeconds { get; init; } = 2;

    /// <summary>A health probe that takes longer fails.</summary>
    [Range(0.1, 60)]
    public double HealthTimeoutSeconds { get; init; } = 2;

    /// <summary>Limit on one prefill call (queueing included).</summary>
    [Range(0.1, 3600)]
    public double PrefillTimeoutSeconds { get; init; } = 60;

    /// <summary>Limit on the wait for a decode engine's next output (queueing for the first one included).</summary>
    [Range(0.1, 3600)]
    public double DecodeIdleTimeoutSeconds { get; init; } = 60;

    /// <summary>Limit on opening a connection to an engine.</summary>
    [Range(0.1, 60)]
    public double ConnectTimeoutSeconds { get; init; } = 3;

    /// <summary>How long the gateway waits at start for a configured engine that does not answer yet before it gives up
    /// (an engine that answers as something else fails the start at once).</summary>
    [Range(0.1, 3600)]
    public double StartupTimeoutSeconds { get; init; } = 30;

    public bool Enabled => Decode.Count > 0;
}
