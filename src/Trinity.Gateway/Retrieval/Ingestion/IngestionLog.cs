namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Log messages of document ingestion, with stable event ids (36xx).</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Created collection {Collection} (dimension {Dimension}, index {Index}) for ingestion")]
    public static partial void CollectionCreated(ILogger logger, string collection, int dimension, string index);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Information, Message = "Ingested {Documents} documents into {Collection}: {Chunks} chunks written, {Deleted} stale removed, {Milliseconds} ms")]
    public static partial void Ingested(ILogger logger, int documents, string collection, long chunks, long deleted, long milliseconds);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Job {JobId}: queued {Documents} documents for {Collection}")]
    public static partial void JobQueued(ILogger logger, string jobId, int documents, string collection);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Information, Message = "Job {JobId}: {State} after {Seconds} s ({Documents} documents, {Chunks} chunks)")]
    public static partial void JobFinished(ILogger logger, string jobId, string state, double seconds, int documents, long chunks);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Warning, Message = "Job {JobId}: failed with {Code}: {Reason}")]
    public static partial void JobFailed(ILogger logger, string jobId, string? code, string reason);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Error, Message = "Job {JobId}: unexpected error")]
    public static partial void JobCrashed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Warning, Message = "Ingest job queue full ({Capacity} jobs): refused {Documents} documents for {Collection}")]
    public static partial void QueueFull(ILogger logger, int capacity, int documents, string collection);

    [LoggerMessage(EventId = 3608, Level = LogLevel.Information, Message = "Job {JobId}: cancellation requested while {State}")]
    public static partial void CancelRequested(ILogger logger, string jobId, string state);
}
