using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Trinity.Gateway.Engines;

/// <summary>Registration of the models the gateway serves.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>Registers the model registry over every <see cref="IServedModel"/> in the container and loads the
    /// models at start-up. A host that supplies its own <see cref="IServedModelRegistry"/> first keeps it.</summary>
    public static IServiceCollection AddTrinityModels(this IServiceCollection services)
    {
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
