using Trinity.Gateway.Diagnostics;

namespace Trinity.Gateway.Engines;

/// <summary>Registration of the gateway's health checks (mapped by <see cref="HealthExtensions"/>).</summary>
public static class HealthCheckServiceCollectionExtensions
{
    /// <summary>Registers the health checks: readiness needs a served model.</summary>
    public static IServiceCollection AddTrinityHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ServedModelsHealthCheck>("models", tags: [HealthExtensions.ReadyTag]);
        return services;
    }
}
