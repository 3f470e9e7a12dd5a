using System.Security.Cryptography;
using System.Text;

namespace Trinity.Gateway.Tenancy;

/// <summary>
/// Who a presented API key belongs to, and which collections their owners share read-only. Keys are kept as SHA-256
/// digests and every lookup compares the presented key's digest with all of them in constant time, so neither a match
/// nor its position shows in the timing.
/// </summary>
internal sealed class TenantDirectory
{
    private readonly (byte[] Digest, Tenant Tenant)[] _keys;
    private readonly Dictionary<string, Tenant> _sharedCollections;

    /// <param name="keys">Every accepted key and its tenant.</param>
    /// <param name="sharedCollections">Collection name → the tenant that owns it and lets every tenant read it.</param>
    public TenantDirectory(IEnumerable<(string Key, Tenant Tenant)> keys, IReadOnlyDictionary<string, Tenant> sharedCollections)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys.Where(k => k.Key.Length > 0).Select(k => (Digest(k.Key), k.Tenant))];
        _sharedCollections = new Dictionary<string, Tenant>(sharedCollections, StringComparer.Ordinal);
    }

    /// <summary>No key configured: the API is open and everyone is <see cref="Tenant.Default"/>.</summary>
    public bool IsOpen => _keys.Length == 0;

    /// <summary>Collections shared read-only, by name.</summary>
    public IReadOnlyDictionary<string, Tenant> SharedCollections => _sharedCollections;

    /// <summary>The tenant of <paramref name="key"/>, or null for a key nobody has.</summary>
    public Tenant? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var digest = Digest(key);
        Tenant? found = null;
        foreach (var (candidate, tenant) in _keys)
        {
            // Every digest is compared; the match is taken without a branch on the secret's bytes.
            if (CryptographicOperations.FixedTimeEquals(digest, candidate))
            {
                found = tenant;
            }
        }

        return found;
    }

    /// <summary>The name of a tenant owning only the key <paramref name="key"/>: a digest prefix, stable across restarts
    /// and reorderings of the key list (collections are owned by name), and not the key.</summary>
    public static string KeyTenantName(string key) => "key-" + Convert.ToHexStringLower(Digest(key))[..12];

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
