using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Document ingestion (section <c>Trinity:Ingestion</c>): chunking, limits, and the background job queue.
/// Validated at start by <see cref="IngestionOptionsValidator"/>.</summary>
public sealed record IngestionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Trinity:Ingestion";

    /// <summary>Tokens per chunk when a request gives no <c>chunk_tokens</c>.</summary>
    public int ChunkTokens { get; init; } = 256;

    /// <summary>Tokens shared by consecutive chunks when a request gives no <c>overlap_tokens</c>.</summary>
    public int OverlapTokens { get; init; } = 32;

    /// <summary>Smallest <c>chunk_tokens</c> a request may ask for.</summary>
    public int MinChunkTokens { get; init; } = 8;

    /// <summary>Largest <c>chunk_tokens</c> a request may ask for.</summary>
    public int MaxChunkTokens { get; init; } = 4096;

    /// <summary>Served model whose tokenizer counts and cuts tokens; the first served model when null.</summary>
    public string? Model { get; init; }

    /// <summary>Most documents in one request.</summary>
    public int MaxDocumentsPerRequest { get; init; } = 10_000;

    /// <summary>Longest document text, in UTF-16 characters.</summary>
    public int MaxDocumentChars { get; init; } = 1_000_000;

    /// <summary>Most chunks one document may produce (at most the pool's largest <c>k</c>, which finds them again on
    /// re-ingestion).</summary>
    public int MaxChunksPerDocument { get; init; } = 10_000;

    /// <summary>Largest serialized <c>metadata</c> of a document, in bytes (it is copied into every chunk's payload).</summary>
    public int MaxMetadataBytes { get; init; } = 16 * 1024;

    /// <summary>Requests with more documents than this run as a background job (202).</summary>
    public int SyncMaxDocuments { get; init; } = 64;

    /// <summary>Requests with more text than this (characters, all documents) run as a background job (202).</summary>
    public long SyncMaxChars { get; init; } = 256 * 1024;

    /// <summary>Jobs that may wait for the worker; beyond it requests get 429 with <c>Retry-After</c>.</summary>
    public int JobQueueCapacity { get; init; } = 16;

    /// <summary>Job records kept for <c>GET /v1/ingest/jobs/{id}</c>; the oldest finished ones are dropped first.</summary>
    public int MaxJobRecords { get; init; } = 1000;

    /// <summary>How long a finished job stays visible.</summary>
    public TimeSpan JobTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>Retry-After</c> sent with a 429 when the job queue is full.</summary>
    public TimeSpan QueueFullRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Chunks written per upsert to the pool (each upsert is one durable, fsynced write).</summary>
    public int UpsertBatchPoints { get; init; } = 512;

    /// <summary>Index of collections that ingestion creates.</summary>
    public IndexKind Index { get; init; } = IndexKind.Flat;

    /// <summary>IVF list count of created <c>ivf</c> collections; null: chosen from the size at each retraining.</summary>
    public int? Nlist { get; init; }
}
