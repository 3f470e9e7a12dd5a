using Trinity.Common.Prometheus;
using Trinity.Common.Security;
using Trinity.Gateway.Cache;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Documentation;
using Trinity.Gateway.Engines;
using Trinity.Gateway.OpenAi;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Retrieval;
using Trinity.Gateway.Retrieval.Ingestion;
using Trinity.Gateway.Scheduling;
using Trinity.Gateway.Security;
using Trinity.Gateway.Tenancy;
using Trinity.Gateway.TrinityApi.Cache;
using Trinity.Gateway.TrinityApi.Ingestion;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Hosting;

namespace Trinity.Gateway;

/// <summary>Wiring of the gateway: services in <see cref="AddTrinityGateway"/>, endpoints in <see cref="MapTrinityGateway"/>.</summary>
public static class GatewayExtensions
{
    /// <summary>Default address of the all-in-one gateway.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8000";

    /// <summary>Registers everything the gateway serves.</summary>
    public static WebApplicationBuilder AddTrinityGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddTrinityModels();
        builder.Services.AddTrinityEmbeddings();
        builder.Services.AddOpenAiApi();
        builder.Services.AddTrinitySlo();
        builder.Services.AddRetrieval();
        builder.Services.AddApiKeys();
        builder.Services.AddTenantRateLimits();
        builder.Services.AddClusterToken();
        builder.Services.AddPrometheusMetrics();
        builder.Services.AddSingleton<ProcessMetrics>();
        builder.Services.AddTrinityHealthChecks();
        builder.Services.AddTrinitySwagger();
        // Distributed mode uses the vector pool process (Trinity:VectorPool:Remote); all-in-one hosts the pool here.
        if (VectorPoolServiceCollectionExtensions.HasRemoteVectorPool(builder.Configuration))
        {
            builder.Services.AddRemoteVectorPool();
        }
        else
        {
            builder.Services.AddVectorPool();
        }

        builder.Services.AddDocumentIngestion();
        builder.Services.AddIngestionEndpoints();
        builder.Services.AddAnswerCache();
        return builder;
    }

    /// <summary>Builds the request pipeline and maps the gateway's endpoints.</summary>
    public static WebApplication MapTrinityGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<HttpMetricsMiddleware>();
        app.UseOpenAiErrors();
        app.UseTrinitySwagger();
        app.UseApiKeys();
        app.UseTenantRateLimits();
        app.UseRequestTimeouts();

        app.MapTrinityHealthChecks();
        app.MapPrometheusMetrics();
        _ = app.Services.GetRequiredService<ProcessMetrics>();
        app.MapOpenAiEndpoints();
        app.MapVectorPoolEndpoints(TenantPool);
        app.MapDocumentIngestion();
        app.MapAnswerCacheEndpoints();
        return app;
    }

    /// <summary>The pool as the request's tenant sees it through the collections API (its own collections and those
    /// shared with it, under its names); the open deployment's single tenant sees the pool as it is.</summary>
    private static IVectorPool TenantPool(HttpContext context, IVectorPool pool)
    {
        var tenant = context.Tenant();
        return tenant.IsDefault ? pool : new TenantVectorPool(pool, context.RequestServices.GetRequiredService<TenantCollections>(), tenant);
    }
}
