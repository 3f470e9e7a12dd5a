namespace Trinity.Gateway.Security;

/// <summary>One named tenant (<c>Trinity:Auth:Tenants:NAME</c>; NAME is 1 to 24 letters, digits and '-').</summary>
public sealed record TenantOptions
{
    /// <summary>The tenant's keys; a request with any of them acts as the tenant.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Shared answer-cache group: tenants naming the same group read each other's cached answers (answers are
    /// otherwise never shared across tenants).</summary>
    public string? CacheGroup { get; init; }

    /// <summary>Collections of this tenant that every tenant may read (search, retrieval, get) but not change.</summary>
    public IReadOnlyList<string> SharedCollections { get; init; } = [];

    /// <summary>Overrides <c>Trinity:RateLimits:RequestsPerMinute</c> for this tenant (0: unlimited).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Overrides <c>Trinity:RateLimits:TokensPerMinute</c> for this tenant (0: unlimited).</summary>
    public int? TokensPerMinute { get; init; }
}
