namespace Trinity.Bench.Ingest;

/// <summary>What one request wrote; <paramref name="Job"/> is the job id when the server ran it as a job.</summary>
internal sealed record BatchOutcome(int Documents, long ChunksWritten, long ChunksDeleted, string? Job);
