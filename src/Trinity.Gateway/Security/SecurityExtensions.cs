using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trinity.Gateway.Tenancy;

namespace Trinity.Gateway.Security;

/// <summary>Registration of API-key access control and tenants.</summary>
public static class SecurityExtensions
{
    /// <summary>Binds and validates <see cref="AuthOptions"/>; registers the tenants they describe.</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton(sp => Directory(sp.GetRequiredService<IOptions<AuthOptions>>().Value));
        services.TryAddSingleton<TenantCollections>();
        return services;
    }

    /// <summary>Adds the API-key check to the pipeline.</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.UseMiddleware<ApiKeyMiddleware>();

    private static TenantDirectory Directory(AuthOptions options)
    {
        var keys = new List<(string, Tenant)>();
        foreach (var key in options.ApiKeys.Where(k => k.Length > 0))
        {
            keys.Add((key, Tenant.Named(TenantDirectory.KeyTenantName(key), null)));
        }

        var shared = new Dictionary<string, Tenant>(StringComparer.Ordinal);
        foreach (var (name, settings) in options.Tenants)
        {
            var tenant = Tenant.Named(name, settings.CacheGroup) with
            {
                RequestsPerMinute = settings.RequestsPerMinute,
                TokensPerMinute = settings.TokensPerMinute,
            };
            keys.AddRange(settings.ApiKeys.Where(k => k.Length > 0).Select(k => (k, tenant)));
            foreach (var collection in settings.SharedCollections)
            {
                shared[collection] = tenant;
            }
        }

        return new TenantDirectory(keys, shared);
    }
}
