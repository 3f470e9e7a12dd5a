using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Cache;

/// <summary>Wiring of the answer cache's services (its invalidation API is mapped by
/// <c>TrinityApi.Cache.AnswerCacheEndpoints</c>).</summary>
public static class AnswerCacheServiceCollectionExtensions
{
    /// <summary>Registers the cache (<see cref="IAnswerCache"/>), its chat-handler stage and its maintenance service,
    /// with options from <c>Trinity:AnswerCache</c> validated at start. Needs the vector pool's <c>IVectorPool</c>.</summary>
    public static IServiceCollection AddAnswerCache(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AnswerCacheOptions>().BindConfiguration(AnswerCacheOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnswerCacheOptions>, AnswerCacheOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AnswerCacheMetrics>();
        services.TryAddSingleton<PendingWrites>();
        services.TryAddSingleton<SemanticAnswerTier>();
        services.TryAddSingleton<AnswerCache>();
        services.TryAddSingleton<IAnswerCache>(sp => sp.GetRequiredService<AnswerCache>());
        services.TryAddSingleton<AnswerCacheStage>();
        services.AddHostedService<AnswerCacheMaintenance>();
        return services;
    }
}
