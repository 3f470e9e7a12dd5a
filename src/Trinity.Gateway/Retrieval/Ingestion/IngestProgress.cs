namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Counts of an ingest in progress, updated by the writer and read at any time by status requests.</summary>
internal sealed class IngestProgress
{
    private int _documentsDone;
    private long _chunksWritten;
    private long _chunksDeleted;

    public int DocumentsDone => Volatile.Read(ref _documentsDone);

    public long ChunksWritten => Interlocked.Read(ref _chunksWritten);

    public long ChunksDeleted => Interlocked.Read(ref _chunksDeleted);

    public void Add(int documents, long chunksWritten, long chunksDeleted)
    {
        Interlocked.Add(ref _chunksWritten, chunksWritten);
        Interlocked.Add(ref _chunksDeleted, chunksDeleted);
        Interlocked.Add(ref _documentsDone, documents);
    }
}
