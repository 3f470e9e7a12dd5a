namespace Trinity.Gateway.Tenancy;

/// <summary>
/// A customer of the deployment: the owner of API keys, cached answers and collections. Protocol-free, so that it
/// travels from the API-key check into the pipeline, the answer cache and the collections API.
/// </summary>
/// <param name="Name">Configured name (<c>Trinity:Auth:Tenants:NAME</c>), or <c>key-…</c> (a digest prefix of the key)
/// for a key listed alone under <c>Trinity:Auth:ApiKeys</c>; never the key itself.</param>
/// <param name="CacheGroup">Partition of the answer cache the tenant reads and writes: its own name unless it opted
/// into a shared group; empty for the single tenant of an open deployment (the cache as it always was).</param>
/// <param name="CollectionPrefix">Prefix of the pool names of the tenant's collections (<c>{name}__</c>); empty for the
/// single tenant of an open deployment.</param>
internal sealed record Tenant(string Name, string CacheGroup, string CollectionPrefix)
{
    /// <summary>Separator between the tenant and the collection name in the pool. Tenant names have no underscore, so
    /// the first occurrence always ends the prefix.</summary>
    public const string Separator = "__";

    /// <summary>The one tenant of a deployment with no API keys: no partitions, no prefixes, as before tenants existed.</summary>
    public static Tenant Default { get; } = new("default", string.Empty, string.Empty);

    /// <summary>Requests per minute; null: the deployment's default (<see cref="RateLimitOptions"/>); 0: unlimited.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Tokens (prompt + max_tokens reserved) per minute; null: the deployment's default; 0: unlimited.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Whether this is the open deployment's single tenant.</summary>
    public bool IsDefault => CollectionPrefix.Length == 0;

    /// <summary>A named tenant of the configuration.</summary>
    public static Tenant Named(string name, string? cacheGroup) => new(name, string.IsNullOrWhiteSpace(cacheGroup) ? name : "group:" + cacheGroup, name + Separator);
}
