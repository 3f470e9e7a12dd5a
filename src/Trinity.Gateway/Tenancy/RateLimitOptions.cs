using System.ComponentModel.DataAnnotations;

namespace Trinity.Gateway.Tenancy;

/// <summary>Per-tenant rate limits (section <c>Trinity:RateLimits</c>); a tenant may override both under
/// <c>Trinity:Auth:Tenants:NAME</c>. 0 turns a limit off (the default: a local deployment is not limited).</summary>
public sealed record RateLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Trinity:RateLimits";

    /// <summary>Requests a tenant may start per window (chat, completions, embeddings, collections, ingestion).</summary>
    [Range(0, int.MaxValue)]
    public int RequestsPerMinute { get; init; }

    /// <summary>Tokens a tenant may reserve per window: a generation reserves its prompt plus its max_tokens for every
    /// sequence before admission and gives back what it did not generate when it ends.</summary>
    [Range(0, int.MaxValue)]
    public int TokensPerMinute { get; init; }

    /// <summary>Length of the window (one minute; shorter windows are for tests and bursty deployments).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}
