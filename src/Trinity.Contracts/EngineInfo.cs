namespace Trinity.Contracts;

/// <summary>
/// An engine's answer to <c>GET /internal/info</c>, on both of its listeners: what it is, and on which port and
/// protocol gateways and other engines reach its internal API. A gateway given the address an engine was started
/// with (<c>--urls</c>) finds the internal listener through it at start.
/// </summary>
/// <param name="Role"><c>prefill</c>, <c>decode</c> or <c>vector</c>.</param>
/// <param name="Model">Served model name (null for the vector pool).</param>
/// <param name="Fingerprint">Model fingerprint as 16 hex digits (null for the vector pool).</param>
/// <param name="InternalPort">Port of the internal listener, on the same host as the address asked.</param>
/// <param name="Protocol">Protocol of the internal listener: <see cref="Http2PriorKnowledge"/>.</param>
public sealed record EngineInfo(string Role, string? Model, string? Fingerprint, int InternalPort, string Protocol)
{
    /// <summary>Cleartext HTTP/2 with prior knowledge (no upgrade, no TLS).</summary>
    public const string Http2PriorKnowledge = "h2c";
}
