namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Answer of an ingest that runs as a job (202, with <c>Location: /v1/ingest/jobs/{id}</c>).</summary>
public sealed record IngestJobAccepted(IngestJobView Job);
