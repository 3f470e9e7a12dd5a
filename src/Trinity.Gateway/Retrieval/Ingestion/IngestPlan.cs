namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>A validated ingest request: every document has an id and text, and the chunking is within limits.</summary>
internal sealed record IngestPlan(string Collection, IReadOnlyList<IngestDocument> Documents, int ChunkTokens, int OverlapTokens, long TotalChars);
