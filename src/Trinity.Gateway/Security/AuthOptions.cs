namespace Trinity.Gateway.Security;

/// <summary>API keys and tenants (section <c>Trinity:Auth</c>). With no key configured the API is open and everyone is
/// one tenant.</summary>
public sealed record AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Trinity:Auth";

    /// <summary>Accepted bearer tokens for <c>/v1/*</c>, each its own tenant; <c>/health</c>, <c>/metrics</c> and
    /// <c>/swagger</c> stay open.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Named tenants (<c>Trinity:Auth:Tenants:NAME</c>), each grouping keys that share cache and collections.</summary>
    public IReadOnlyDictionary<string, TenantOptions> Tenants { get; init; } = new Dictionary<string, TenantOptions>();
}
