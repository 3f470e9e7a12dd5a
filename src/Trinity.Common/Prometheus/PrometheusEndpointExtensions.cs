using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Trinity.Common.Prometheus;

/// <summary>Registration and mapping of <c>GET /metrics</c>.</summary>
public static class PrometheusEndpointExtensions
{
    /// <summary>Registers the exporter.</summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        services.TryAddSingleton<PrometheusExporter>();
        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> and starts listening now, so that instruments created from here on are seen.</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _ = endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        endpoints.MapGet(pattern, (PrometheusExporter exporter) => Results.Text(exporter.Collect(), PrometheusTextWriter.ContentType))
            .WithTags("Trinity")
            .WithName("GetMetrics")
            .WithSummary("Prometheus metrics (text exposition format 0.0.4).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return endpoints;
    }
}
