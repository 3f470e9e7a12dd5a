using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Trinity.Gateway.Engines;

/// <summary>Readiness: the gateway serves at least one generation model.</summary>
internal sealed class ServedModelsHealthCheck(IServedModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(registry.Models.Count > 0
            ? HealthCheckResult.Healthy($"{registry.Models.Count} model(s) served")
            : HealthCheckResult.Unhealthy("No generation model is served."));
}
