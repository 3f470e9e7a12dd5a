using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Trinity.Gateway.Diagnostics;

/// <summary><c>/health</c> (liveness and readiness: every check), <c>/health/live</c> (the process answers) and
/// <c>/health/ready</c> (checks tagged <c>ready</c>: a model is served), for load balancers and Kubernetes probes.
/// The body is the status word; 503 unless Healthy or Degraded.</summary>
public static class HealthExtensions
{
    /// <summary>Tag of the checks that gate readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps the health endpoints (as ordinary endpoints, so that Swagger documents them).</summary>
    public static IEndpointRouteBuilder MapTrinityHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, "/health", "Liveness and readiness: every health check.", _ => true);
        Map(endpoints, "/health/live", "Liveness: the process answers.", _ => false);
        Map(endpoints, "/health/ready", "Readiness: a model is loaded and served.", c => c.Tags.Contains(ReadyTag));
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, string pattern, string summary, Func<HealthCheckRegistration, bool> predicate) =>
        endpoints.MapGet(pattern, async (HealthCheckService health, HttpContext context) =>
            {
                var report = await health.CheckHealthAsync(predicate, context.RequestAborted).ConfigureAwait(false);
                context.Response.Headers.CacheControl = "no-store";
                return Results.Text(
                    report.Status.ToString(),
                    "text/plain",
                    statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
            })
            .WithTags("Trinity")
            .WithSummary(summary)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain");
}
