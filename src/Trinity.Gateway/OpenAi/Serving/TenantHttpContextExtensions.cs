using Trinity.Gateway.Tenancy;

namespace Trinity.Gateway.OpenAi.Serving;

/// <summary>The request's tenant, set by the API-key middleware (<c>Security/ApiKeyMiddleware</c>).</summary>
internal static class TenantHttpContextExtensions
{
    private static readonly object Key = new();

    /// <summary>The tenant the request's key belongs to; <see cref="Tenant.Default"/> in an open deployment.</summary>
    public static Tenant Tenant(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var tenant) && tenant is Tenant known ? known : Tenancy.Tenant.Default;
    }

    public static void SetTenant(this HttpContext context, Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = tenant;
    }
}
