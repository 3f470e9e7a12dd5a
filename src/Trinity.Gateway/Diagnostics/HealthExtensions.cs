using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Trinity.Gateway.Engines;

namespace Trinity.Gateway.Diagnostics;

/// <summary><c>/health</c> (everything), <c>/health/live</c> (the process answers) and <c>/health/ready</c> (checks
/// tagged <c>ready</c>: models loaded), for Kubernetes probes.</summary>
public static class HealthExtensions
{
    /// <summary>Tag of the checks that gate readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the health checks.</summary>
    public static IServiceCollection AddTrinityHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ServedModelsHealthCheck>("models", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps the health endpoints.</summary>
    public static IEndpointRouteBuilder MapTrinityHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health").WithTags("Trinity").WithSummary("Liveness and readiness together: Healthy, Degraded or Unhealthy.");
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Trinity");
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).WithTags("Trinity");
        return endpoints;
    }
}
