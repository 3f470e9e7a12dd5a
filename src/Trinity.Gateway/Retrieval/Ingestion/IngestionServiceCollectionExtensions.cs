using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Registration and mapping of document ingestion (chunk, embed, upsert into the vector pool).</summary>
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
        services.TryAddSingleton<IngestionHandler>();
        services.AddHostedService<IngestJobWorker>();
        return services;
    }

    /// <summary>Maps <c>POST /v1/collections/{name}/documents</c>, <c>GET /v1/ingest/jobs/{id}</c> and
    /// <c>DELETE /v1/ingest/jobs/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapDocumentIngestion(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").WithTags("Ingestion");
        group.MapPost("/collections/{name}/documents", (HttpContext context, string name, IngestionHandler handler) => handler.IngestAsync(context, name))
            .WithName("IngestDocuments")
            .WithSummary("Chunks documents by the served model's tokens, embeds and upserts the chunks (ids {document id}#{index}); "
                + "re-ingesting a document id replaces its chunks. Creates the collection when missing. Small ingests answer 200 "
                + "with the counts; large ones 202 with a job to follow at the Location header.")
            .Accepts<IngestRequest>("application/json")
            .Produces<IngestResult>(StatusCodes.Status200OK)
            .Produces<IngestJobAccepted>(StatusCodes.Status202Accepted)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status504GatewayTimeout)
            .WithRequestTimeout(RequestTimeoutPolicies.Short);
        group.MapGet("/ingest/jobs/{id}", (HttpContext context, string id, IngestionHandler handler) => handler.GetJobAsync(context, id))
            .WithName("GetIngestJob")
            .WithSummary("Reports an ingest job: state (queued, running, succeeded, failed, cancelled), documents done, chunks written.")
            .Produces<IngestJobView>()
            .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound);
        group.MapDelete("/ingest/jobs/{id}", (HttpContext context, string id, IngestionHandler handler) => handler.CancelJobAsync(context, id))
            .WithName("CancelIngestJob")
            .WithSummary("Cancels an ingest job: a queued job never starts; a running one stops after its current batch "
                + "(documents written before stay). Answers the job; a finished job is returned unchanged.")
            .Produces<IngestJobView>()
            .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
