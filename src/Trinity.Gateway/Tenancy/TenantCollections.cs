using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.Tenancy;

/// <summary>
/// Maps the collection names a tenant uses to the pool's names and back. A tenant's collection <c>docs</c> is the
/// pool's <c>{tenant}__docs</c>: ownership lives in the name, so it survives restarts of the gateway and of the pool,
/// holds for every gateway of a deployment without a shared store, and costs no lookup. Another tenant's names cannot
/// be formed (every name a tenant gives gets its own prefix), so they are simply not found (404). A collection shared
/// by configuration (<c>Trinity:Auth:Tenants:OWNER:SharedCollections</c>) resolves to its owner's for reading; writing
/// to it is refused. The open deployment's single tenant uses the pool's names unchanged, as before tenants existed.
/// </summary>
internal sealed class TenantCollections(TenantDirectory directory)
{
    /// <summary>Longest collection name the pool accepts.</summary>
    private const int PoolNameLength = 64;

    /// <summary>The pool's name of <paramref name="name"/> for <paramref name="tenant"/>.</summary>
    /// <exception cref="VectorPoolException">403 when a tenant writes to a collection another tenant shares.</exception>
    public string Resolve(Tenant tenant, string name, CollectionAccess access)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(name);
        if (tenant.IsDefault)
        {
            return name;
        }

        if (directory.SharedCollections.TryGetValue(name, out var owner) && owner.Name != tenant.Name)
        {
            return access == CollectionAccess.Read
                ? owner.CollectionPrefix + name
                : throw new VectorPoolException(403, "permission_error", $"collection '{name}' is shared read-only", "name", "collection_read_only");
        }

        // The pool checks its own names; a tenant's name must also leave room for the prefix (and may not be empty,
        // which would make the bare prefix a collection).
        var longest = PoolNameLength - tenant.CollectionPrefix.Length;
        if (access == CollectionAccess.Write && (name.Length == 0 || name.Length > longest || !name.All(IsNameChar)))
        {
            throw new VectorPoolException(400, "invalid_request_error", $"'name' must be 1 to {longest} characters of A-Z, a-z, 0-9, '_' and '-'", "name", "invalid_collection_name");
        }

        return tenant.CollectionPrefix + name;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>The name <paramref name="tenant"/> knows the pool's collection <paramref name="poolName"/> by; null when
    /// it is neither the tenant's nor shared with it.</summary>
    public string? ClientName(Tenant tenant, string poolName)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(poolName);
        if (tenant.IsDefault)
        {
            return poolName;
        }

        if (poolName.StartsWith(tenant.CollectionPrefix, StringComparison.Ordinal))
        {
            return poolName[tenant.CollectionPrefix.Length..];
        }

        foreach (var (name, owner) in directory.SharedCollections)
        {
            if (poolName == owner.CollectionPrefix + name)
            {
                return name;
            }
        }

        return null;
    }
}
