namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Body of <c>POST /v1/collections/{name}/documents</c>.</summary>
public sealed record IngestRequest
{
    /// <summary>Documents to chunk, embed and upsert; a document id already in the collection is replaced.</summary>
    public IReadOnlyList<IngestDocument?>? Documents { get; init; }

    /// <summary>Tokens per chunk (the served model's tokenizer); the server's default when omitted.</summary>
    public int? ChunkTokens { get; init; }

    /// <summary>Tokens shared by consecutive chunks, less than <see cref="ChunkTokens"/>; the server's default when omitted.</summary>
    public int? OverlapTokens { get; init; }
}
