using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Diagnostics;
using Trinity.VectorGpu.Indexes;
using Trinity.VectorGpu.Scheduling;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Collections;

/// <summary>Creating a collection's folder and loading one back: snapshot, then the log's intact records.</summary>
internal sealed partial class Collection
{
    public static Collection Create(CollectionSpec spec, CollectionFolder folder, CollectionOptions options, ILogger logger)
    {
        Directory.CreateDirectory(folder.Path);
        var temporary = folder.MetaPath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(spec, VectorPoolJsonContext.Default.CollectionSpec));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, folder.MetaPath, overwrite: true);
        DirectorySync.Flush(folder.Path);
        DirectorySync.Flush(Path.GetDirectoryName(folder.Path)!);
        var wal = WriteAheadLog.Open(folder.LogPath, out _, out _);
        return new Collection(spec, folder, wal, options, logger);
    }

    /// <summary>Loads the snapshot, replays the log (dropping a torn tail with a warning) and starts IVF training if due.</summary>
    public static Collection Open(CollectionFolder folder, CollectionOptions options, ILogger logger)
    {
        var spec = JsonSerializer.Deserialize(File.ReadAllBytes(folder.MetaPath), VectorPoolJsonContext.Default.CollectionSpec)
            ?? throw new InvalidDataException($"{folder.MetaPath} is empty");
        var snapshot = SnapshotFile.Read(folder.SnapshotPath);
        var wal = WriteAheadLog.Open(folder.LogPath, out var records, out var dropped);
        var collection = new Collection(spec, folder, wal, options, logger);
        if (dropped > 0)
        {
            VectorPoolLog.TornTailDropped(logger, spec.Name, dropped);
        }

        collection._deferGraph = true;
        foreach (var point in snapshot ?? [])
        {
            collection.ApplyUpsert(point);
        }

        collection.LoadGraph(snapshot ?? []);

        foreach (var payload in records)
        {
            collection.Apply(LogRecordCodec.Decode(payload));
        }

        VectorPoolLog.CollectionLoaded(logger, spec.Name, collection._points.LiveCount, records.Count);
        lock (collection.Sync)
        {
            collection.MaybeStartTraining();
        }

        return collection;
    }
}
