namespace Trinity.Bench.Ingest;

/// <summary>What one batch wrote, and in how many server jobs (0 when the server answered synchronously).</summary>
internal sealed record BatchOutcome(int Documents, long ChunksWritten, long ChunksDeleted, int Jobs);
