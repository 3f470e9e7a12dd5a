using Microsoft.Extensions.DependencyInjection.Extensions;
using Trinity.Contracts.Errors;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Retrieval.Ingestion;

namespace Trinity.Gateway.TrinityApi.Ingestion;

/// <summary>The HTTP face of document ingestion.</summary>
public static class IngestionEndpoints
{
    /// <summary>Registers the endpoints' handler (the ingestion services come from <c>AddDocumentIngestion</c>).</summary>
    public static IServiceCollection AddIngestionEndpoints(this IServiceCollection services)
    {
        services.TryAddSingleton<IngestionHandler>();
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
            .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest)
            .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorEnvelope>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorEnvelope>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ErrorEnvelope>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorEnvelope>(StatusCodes.Status504GatewayTimeout)
            .WithRequestTimeout(RequestTimeoutPolicies.Short);
        group.MapGet("/ingest/jobs/{id}", (HttpContext context, string id, IngestionHandler handler) => handler.GetJobAsync(context, id))
            .WithName("GetIngestJob")
            .WithSummary("Reports an ingest job: state (queued, running, succeeded, failed, cancelled), documents done, chunks written.")
            .Produces<IngestJobView>()
            .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound);
        group.MapDelete("/ingest/jobs/{id}", (HttpContext context, string id, IngestionHandler handler) => handler.CancelJobAsync(context, id))
            .WithName("CancelIngestJob")
            .WithSummary("Cancels an ingest job: a queued job never starts; a running one stops after its current batch "
                + "(documents written before stay). Answers the job; a finished job is returned unchanged.")
            .Produces<IngestJobView>()
            .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
