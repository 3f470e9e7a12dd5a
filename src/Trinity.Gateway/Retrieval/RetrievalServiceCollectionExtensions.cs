using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Trinity.Gateway.Retrieval;

/// <summary>Registration of retrieval-augmented generation.</summary>
public static class RetrievalServiceCollectionExtensions
{
    public static IServiceCollection AddRetrieval(this IServiceCollection services)
    {
        services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RetrievalPlanner>();
        services.AddSingleton<Retriever>();
        services.AddSingleton<RetrievalStage>();
        return services;
    }
}
