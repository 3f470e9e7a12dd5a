namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Answer of a synchronous ingest (200): what was written.</summary>
public sealed record IngestResult
{
    /// <summary>Always <c>ingest.result</c>.</summary>
    public string Object { get; init; } = "ingest.result";

    /// <summary>Target collection.</summary>
    public required string Collection { get; init; }

    /// <summary>Always <c>succeeded</c> (a failed ingest answers with an error instead).</summary>
    public string State { get; init; } = "succeeded";

    /// <summary>Documents in the request.</summary>
    public required int DocumentsTotal { get; init; }

    /// <summary>Documents written.</summary>
    public required int DocumentsDone { get; init; }

    /// <summary>Chunks upserted.</summary>
    public required long ChunksWritten { get; init; }

    /// <summary>Chunks of earlier versions of the documents that were removed.</summary>
    public required long ChunksDeleted { get; init; }

    /// <summary>Tokens per chunk used.</summary>
    public required int ChunkTokens { get; init; }

    /// <summary>Overlap used.</summary>
    public required int OverlapTokens { get; init; }

    /// <summary>Each document with its chunk count, in request order.</summary>
    public required IReadOnlyList<IngestedDocument> Documents { get; init; }
}
