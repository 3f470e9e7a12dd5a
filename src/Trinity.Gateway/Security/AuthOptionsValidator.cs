using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Security;

/// <summary>Checks <c>Trinity:Auth</c> at start: tenant names that fit a collection prefix, no key given to two
/// tenants, no collection shared by two owners.</summary>
internal sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in options.ApiKeys.Where(k => k.Length > 0))
        {
            Own(errors, owners, key, "Trinity:Auth:ApiKeys");
        }

        foreach (var (tenant, settings) in options.Tenants)
        {
            var path = $"{AuthOptions.Section}:Tenants:{tenant}";
            if (!TenantName().IsMatch(tenant))
            {
                errors.Add($"{path}: a tenant name must be 1 to 24 of A-Z, a-z, 0-9 and '-'");
            }

            if (settings.ApiKeys.All(k => k.Length == 0))
            {
                errors.Add($"{path}:ApiKeys must list at least one key");
            }

            foreach (var key in settings.ApiKeys.Where(k => k.Length > 0))
            {
                Own(errors, owners, key, path);
            }

            foreach (var collection in settings.SharedCollections)
            {
                if (!CollectionName().IsMatch(collection))
                {
                    errors.Add($"{path}:SharedCollections: '{collection}' is not a collection name ([A-Za-z0-9_-]{{1,38}})");
                }
                else if (!shared.TryAdd(collection, tenant))
                {
                    errors.Add($"{path}:SharedCollections: '{collection}' is already shared by tenant '{shared[collection]}'");
                }
            }

            if (settings.RequestsPerMinute is < 0 || settings.TokensPerMinute is < 0)
            {
                errors.Add($"{path}: RequestsPerMinute and TokensPerMinute must be 0 (unlimited) or more");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Own(List<string> errors, Dictionary<string, string> owners, string key, string path)
    {
        // The message names the settings, never the key.
        if (!owners.TryAdd(key, path))
        {
            errors.Add($"{path}: a key is also listed under {owners[key]}; a key belongs to one tenant");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,24}$")]
    private static partial Regex TenantName();

    // 64 (the pool's limit) less the longest prefix (24 + "__").
    [GeneratedRegex("^[A-Za-z0-9_-]{1,38}$")]
    private static partial Regex CollectionName();
}
