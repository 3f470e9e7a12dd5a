using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Tenancy;

namespace Trinity.Gateway.Security;

/// <summary>
/// Per-tenant rate limits on <c>/v1/*</c> through ASP.NET Core's rate-limiting middleware: a global limiter
/// partitioned by tenant (<see cref="TenantRateLimits.Requests"/>), refusals answered 429 in OpenAI's shape with
/// <c>Retry-After</c>, and OpenAI's <c>x-ratelimit-*</c> headers on every response of a limited tenant. Tokens are
/// reserved later, by the pipeline, once the prompt is tokenised.
/// </summary>
public static class RateLimitingExtensions
{
    /// <summary>Binds <see cref="RateLimitOptions"/> (section <c>Trinity:RateLimits</c>) and registers the limiters.</summary>
    public static IServiceCollection AddTenantRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TenantRateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<TenantRateLimits>((options, limits) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var tenant = context.Tenant();
                return context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal) && limits.Requests(tenant) is { } limiter
                    ? RateLimitPartition.Get(tenant.Name, _ => limiter)
                    : RateLimitPartition.GetNoLimiter(string.Empty);
            });
            options.OnRejected = (rejected, _) => RejectAsync(rejected, limits);
        });
        return services;
    }

    /// <summary>Adds the limiter after the API-key check (which names the tenant) and the headers to every response.</summary>
    public static IApplicationBuilder UseTenantRateLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.ApplicationServices.GetRequiredService<TenantRateLimits>();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
            {
                context.Response.OnStarting(() =>
                {
                    RateLimitHeaders.Write(context.Response.Headers, limits, context.Tenant());
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app.UseRateLimiter();
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, TenantRateLimits limits)
    {
        var context = rejected.HttpContext;
        var tenant = context.Tenant();
        var limiter = limits.Requests(tenant);
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var error = new ErrorDetail(
            $"Rate limit reached for requests: limit {limiter?.Limit} per window. Retry after {RateLimitFormat.Duration(wait)}.",
            ErrorKinds.RateLimitType,
            Code: "rate_limit_exceeded");
        await OpenAiErrorWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, error, wait).ConfigureAwait(false);
    }
}
