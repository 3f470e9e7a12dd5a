using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Trinity.Common.Json;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Json;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Retrieval.Ingestion;
using Trinity.Gateway.Scheduling;
using Trinity.Gateway.Security;
using Trinity.Gateway.Tenancy;
using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.TrinityApi.Ingestion;

/// <summary><c>POST /v1/collections/{name}/documents</c> (200 with the counts, or 202 with a job for large ingests),
/// <c>GET</c> and <c>DELETE /v1/ingest/jobs/{id}</c>.</summary>
internal sealed class IngestionHandler(
    DocumentIngester ingester,
    IngestJobStore jobs,
    IngestJobQueue queue,
    IOptions<IngestionOptions> options,
    IOptions<GatewayOptions> gateway,
    TenantCollections collections,
    TimeProvider time,
    ILogger<IngestionHandler> logger)
{
    public const string JobsPath = "/v1/ingest/jobs";

    public async Task IngestAsync(HttpContext context, string name)
    {
        var cancellationToken = context.RequestAborted;
        var request = await JsonBodyReader.ReadAsync(context.Request, IngestionJsonContext.Default.IngestRequest, gateway.Value.MaxRequestBodyBytes, cancellationToken)
            .ConfigureAwait(false);
        // The tenant's own collection under the pool's name; the client keeps seeing its own name.
        var tenant = context.Tenant();
        var plan = IngestRequestValidator.Validate(name, request, options.Value);
        plan = plan with { Collection = PoolName(tenant, name) };

        // Created (or refused: bad name, wrong dimension) now, so that a job never fails on what the request could tell.
        await ingester.PrepareCollectionAsync(plan.Collection, cancellationToken).ConfigureAwait(false);
        if (plan.Documents.Count <= options.Value.SyncMaxDocuments && plan.TotalChars <= options.Value.SyncMaxChars)
        {
            var progress = new IngestProgress();
            var documents = await ingester.IngestAsync(plan, progress, cancellationToken).ConfigureAwait(false);
            var result = new IngestResult
            {
                Collection = name,
                DocumentsTotal = plan.Documents.Count,
                DocumentsDone = progress.DocumentsDone,
                ChunksWritten = progress.ChunksWritten,
                ChunksDeleted = progress.ChunksDeleted,
                ChunkTokens = plan.ChunkTokens,
                OverlapTokens = plan.OverlapTokens,
                Documents = documents,
            };
            await JsonResponseWriter.WriteAsync(context, result, IngestionJsonContext.Default.IngestResult).ConfigureAwait(false);
            return;
        }

        var job = jobs.Create(plan);
        if (!queue.TryEnqueue(job))
        {
            jobs.Remove(job.Id);
            IngestionLog.QueueFull(logger, queue.Capacity, plan.Documents.Count, name);
            throw PipelineErrors.RateLimited(
                $"The ingest job queue is full ({queue.Capacity} jobs waiting). Retry later.",
                options.Value.QueueFullRetryAfter);
        }

        IngestionLog.JobQueued(logger, job.Id, plan.Documents.Count, name);
        context.Response.Headers.Location = $"{JobsPath}/{job.Id}";
        await WriteAsync(context, StatusCodes.Status202Accepted, new IngestJobAccepted(View(job, tenant)), IngestionJsonContext.Default.IngestJobAccepted).ConfigureAwait(false);
    }

    public Task GetJobAsync(HttpContext context, string id) =>
        JsonResponseWriter.WriteAsync(context, View(Find(id, context.Tenant()), context.Tenant()), IngestionJsonContext.Default.IngestJobView);

    public async Task CancelJobAsync(HttpContext context, string id)
    {
        var job = Find(id, context.Tenant());
        var state = await job.CancelAsync(time.GetUtcNow()).ConfigureAwait(false);
        if (state is IngestJobState.Queued or IngestJobState.Running)
        {
            IngestionLog.CancelRequested(logger, id, IngestJob.StateName(state));
        }

        await JsonResponseWriter.WriteAsync(context, View(job, context.Tenant()), IngestionJsonContext.Default.IngestJobView).ConfigureAwait(false);
    }

    /// <summary>The pool's name of the tenant's collection; a collection another tenant shares read-only is refused (403).</summary>
    private string PoolName(Tenant tenant, string name)
    {
        try
        {
            return collections.Resolve(tenant, name, CollectionAccess.Write);
        }
        catch (VectorPoolException exception)
        {
            throw new PipelineException(ErrorKinds.FromStatus(exception.StatusCode), exception.Message, "name", exception.Code);
        }
    }

    /// <summary>The job as its tenant sees it: under the client's name of the collection.</summary>
    private IngestJobView View(IngestJob job, Tenant tenant)
    {
        var view = job.ToView();
        return view with { Collection = collections.ClientName(tenant, view.Collection) ?? view.Collection };
    }

    /// <summary>The job, when it writes to one of <paramref name="tenant"/>'s collections: another tenant's job is not found.</summary>
    private IngestJob Find(string id, Tenant tenant) =>
        jobs.TryGet(id, out var job) && (tenant.IsDefault || job.Collection.StartsWith(tenant.CollectionPrefix, StringComparison.Ordinal))
            ? job
            : throw new PipelineException(
                ErrorKind.NotFound,
                $"No ingest job '{id}' (finished jobs are kept for {options.Value.JobTtl.TotalMinutes:0.#} minutes).",
                "id",
                "job_not_found");

    private static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonResponseWriter.WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
