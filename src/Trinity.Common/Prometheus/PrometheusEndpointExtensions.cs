using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Trinity.Common.Prometheus;

/// <summary>Registration and mapping of <c>GET /metrics</c>, served by prometheus-net.</summary>
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

    /// <summary>Maps <c>GET /metrics</c> and starts listening now, so that instruments created from here on are seen.
    /// prometheus-net's middleware writes the response (text format 0.0.4, or OpenMetrics when the scraper asks for
    /// it); it runs inside a minimal-API endpoint rather than <c>MapMetrics()</c> so that the endpoint keeps its
    /// OpenAPI description (<c>/swagger</c> lists it).</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var exporter = endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        var middleware = new MetricServerMiddleware(_ => Task.CompletedTask, new MetricServerMiddleware.Settings { Registry = exporter.Registry });
        // A Func (not a RequestDelegate) so that the route handler, and with it the OpenAPI metadata, is kept.
        Func<HttpContext, Task> serve = middleware.Invoke;
        endpoints.MapGet(pattern, serve)
            .WithTags("Trinity")
            .WithName("GetMetrics")
            .WithSummary("Prometheus metrics (text exposition format 0.0.4).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return endpoints;
    }
}
