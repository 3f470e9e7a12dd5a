using Microsoft.Extensions.Logging;

namespace Trinity.VectorGpu.Diagnostics;

/// <summary>The pool's log events; ids 4000–4099 are stable.</summary>
internal static partial class VectorPoolLog
{
    [LoggerMessage(4001, LogLevel.Warning, "Collection {Collection}: dropped a torn or corrupt log tail of {Bytes} bytes; every record before it was kept")]
    public static partial void TornTailDropped(ILogger logger, string collection, long bytes);

    [LoggerMessage(4002, LogLevel.Information, "Collection {Collection}: loaded {Count} points ({Records} log records replayed)")]
    public static partial void CollectionLoaded(ILogger logger, string collection, int count, int records);

    [LoggerMessage(4003, LogLevel.Information, "Collection {Collection}: snapshot of {Count} points written, log truncated")]
    public static partial void SnapshotWritten(ILogger logger, string collection, int count);

    [LoggerMessage(4004, LogLevel.Information, "Collection {Collection}: IVF trained, {Nlist} lists on {Count} points in {ElapsedMs} ms")]
    public static partial void IvfTrained(ILogger logger, string collection, int nlist, int count, long elapsedMs);

    [LoggerMessage(4005, LogLevel.Error, "Collection {Collection}: IVF training failed; searches stay on the previous index")]
    public static partial void IvfTrainingFailed(ILogger logger, Exception exception, string collection);

    [LoggerMessage(4006, LogLevel.Error, "Collection folder {Folder} could not be loaded and is skipped")]
    public static partial void CollectionLoadFailed(ILogger logger, Exception exception, string folder);

    [LoggerMessage(4007, LogLevel.Information, "Vector pool started: device {Device}, policy {Policy}, home {Home}, {Collections} collections")]
    public static partial void PoolStarted(ILogger logger, string device, string policy, string home, int collections);

    [LoggerMessage(4008, LogLevel.Error, "Vector pool iteration failed; its queries were failed")]
    public static partial void IterationFailed(ILogger logger, Exception exception);

    [LoggerMessage(4009, LogLevel.Information, "Collection {Collection}: {Dead} deleted rows reclaimed, {Live} live rows renumbered")]
    public static partial void Compacted(ILogger logger, string collection, int dead, int live);
}
