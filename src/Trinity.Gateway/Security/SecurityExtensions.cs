namespace Trinity.Gateway.Security;

/// <summary>Registration of API-key access control.</summary>
public static class SecurityExtensions
{
    /// <summary>Binds <see cref="AuthOptions"/>.</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        return services;
    }

    /// <summary>Adds the API-key check to the pipeline.</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.UseMiddleware<ApiKeyMiddleware>();
}
