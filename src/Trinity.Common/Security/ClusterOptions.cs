namespace Trinity.Common.Security;

/// <summary>Trust between Trinity's own processes (section <c>Trinity:Cluster</c>; environment
/// <c>Trinity__Cluster__Token</c>, from a Kubernetes Secret in <c>deploy/kubernetes</c>).</summary>
public sealed record ClusterOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Trinity:Cluster";

    /// <summary>Shared secret every internal call carries as <c>Authorization: Bearer</c>: the engines' internal API,
    /// KV pulls, the vector pool's API. Unset: the roles answer anyone who can reach them (fine on loopback only).</summary>
    public string? Token { get; init; }

    /// <summary>Refuse to start a role bound to a non-loopback address without <see cref="Token"/> (otherwise a
    /// warning is logged).</summary>
    public bool RequireToken { get; init; }

    /// <summary>Whether a token is configured.</summary>
    public bool HasToken => !string.IsNullOrEmpty(Token);
}
