using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>Registration of the distributed mode's engine pool, health probes and remote engine.</summary>
public static class RemoteEngineServices
{
    public static IServiceCollection AddRemoteEngines(this IServiceCollection services)
    {
        services.AddOptions<RemoteEnginesOptions>().BindConfiguration(RemoteEnginesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EnginePool>();
        services.AddSingleton<RemoteEngineHttp>();
        services.AddSingleton<RemoteGenerationEngine>();
        services.AddSingleton<EngineDiscovery>();
        services.AddSingleton<AbandonedKvRelease>();

        // Registered before the prober: hosted services start in order, and probing needs the discovered addresses.
        services.AddHostedService<EngineDiscoveryService>();
        services.AddHostedService<EngineHealthProber>();
        return services;
    }
}
