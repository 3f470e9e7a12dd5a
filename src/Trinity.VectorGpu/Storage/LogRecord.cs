namespace Trinity.VectorGpu.Storage;

/// <summary>One decoded log record: an upsert of points or a delete of ids.</summary>
internal sealed record LogRecord(LogRecordKind Kind, IReadOnlyList<StoredPoint> Points, IReadOnlyList<string> DeletedIds);
