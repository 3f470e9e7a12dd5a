namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>One document of a synchronous ingest's answer: its chunks are <c>{id}#0</c> to <c>{id}#{chunk_count - 1}</c>.</summary>
public sealed record IngestedDocument(string Id, int ChunkCount);
