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

        builder.Services.AddHealthChecks();
        builder.Services.AddVectorPool();
        return builder;
    }

    /// <summary>Maps the gateway's endpoints.</summary>
    public static WebApplication MapTrinityGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health");
        app.MapVectorPoolEndpoints();
        return app;
    }
}
