using Microsoft.Extensions.DependencyInjection.Extensions;
using Trinity.Engine.Hosting;
using Trinity.Gateway.Engines.Remote;

namespace Trinity.Gateway.Engines;

/// <summary>Registration of the models the gateway serves.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>Registers the model registry over every <see cref="IServedModel"/> in the container and loads the
    /// models at start-up. Unless the host registered models or a registry of its own first, the installation's model
    /// is served (<see cref="LocalModel"/>: in-process engine, or remote engines when configured).</summary>
    public static IServiceCollection AddTrinityModels(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(IServedModelRegistry) || d.ServiceType == typeof(IServedModel)))
        {
            services.AddTrinityEngine();
            services.AddRemoteEngines();
            services.AddServedModel(LocalModel.Create);
        }

        services.TryAddSingleton<IServedModelRegistry, ServedModelRegistry>();
        services.AddHostedService<ModelWarmupService>();
        return services;
    }

    /// <summary>Adds one served model, created once by <paramref name="factory"/> and disposed with the host
    /// when it is disposable.</summary>
    public static IServiceCollection AddServedModel(this IServiceCollection services, Func<IServiceProvider, IServedModel> factory)
    {
        services.AddSingleton(factory);
        return services;
    }
}
