using Trinity.Contracts.Errors;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>An ingest job as <c>GET /v1/ingest/jobs/{id}</c> reports it; times are Unix seconds.</summary>
public sealed record IngestJobView
{
    /// <summary>Job id (<c>ingest-…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Always <c>ingest.job</c>.</summary>
    public string Object { get; init; } = "ingest.job";

    /// <summary>Target collection.</summary>
    public required string Collection { get; init; }

    /// <summary>Where the job is in its life cycle.</summary>
    public required IngestJobState State { get; init; }

    /// <summary>Documents in the request.</summary>
    public required int DocumentsTotal { get; init; }

    /// <summary>Documents written so far.</summary>
    public required int DocumentsDone { get; init; }

    /// <summary>Chunks upserted so far.</summary>
    public required long ChunksWritten { get; init; }

    /// <summary>Chunks of earlier versions of the documents removed so far.</summary>
    public required long ChunksDeleted { get; init; }

    /// <summary>Why the job failed or was cancelled; null otherwise.</summary>
    public ErrorDetail? Error { get; init; }

    /// <summary>When the job was accepted.</summary>
    public required long CreatedAt { get; init; }

    /// <summary>When the worker started it; null while queued.</summary>
    public long? StartedAt { get; init; }

    /// <summary>When it reached a final state; null before.</summary>
    public long? FinishedAt { get; init; }
}
