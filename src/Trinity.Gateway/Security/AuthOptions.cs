namespace Trinity.Gateway.Security;

/// <summary>API keys (section <c>Trinity:Auth</c>). With no key configured the API is open.</summary>
public sealed record AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Trinity:Auth";

    /// <summary>Accepted bearer tokens for <c>/v1/*</c>; <c>/health</c>, <c>/metrics</c> and <c>/swagger</c> stay open.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];
}
