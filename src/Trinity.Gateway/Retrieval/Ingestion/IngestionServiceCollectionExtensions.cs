using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Registration of document ingestion (chunk, embed, upsert into the vector pool).</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>Registers ingestion with options from <c>Trinity:Ingestion</c> (validated at start), its job queue and
    /// worker. Needs the vector pool, the embedder and the served models.</summary>
    public static IServiceCollection AddDocumentIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CollectionLocks>();
        services.TryAddSingleton<IngestJobQueue>();
        services.TryAddSingleton<IngestJobStore>();
        services.TryAddSingleton<IngestionMetrics>();
        services.TryAddSingleton<IngestionTokenizer>();
        services.TryAddSingleton<StaleChunkFinder>();
        services.TryAddSingleton<DocumentIngester>();
        services.AddHostedService<IngestJobWorker>();
        return services;
    }
}
