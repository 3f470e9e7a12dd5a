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

/// <summary>
/// One collection in memory and on disk. Every mutation and every device scan happens under <see cref="Sync"/>;
/// writes are logged before they are applied, and acknowledged by the caller after <see cref="FlushAsync"/>.
/// </summary>
internal sealed class Collection : IDisposable
{
    private readonly VectorStore _store;
    private readonly PointTable _points = new();
    private readonly WriteAheadLog _wal;
    private readonly CollectionOptions _options;
    private readonly ILogger _logger;
    private IvfIndex? _ivf;
    private HashSet<int>? _dirtyWhileTraining;
    private Task _training = Task.CompletedTask;
    private bool _disposed;

    private Collection(CollectionSpec spec, CollectionFolder folder, WriteAheadLog wal, CollectionOptions options, ILogger logger)
    {
        Spec = spec;
        Folder = folder;
        _wal = wal;
        _options = options;
        _logger = logger;
        _store = new VectorStore(spec.Dimension, spec.Metric);
    }

    public CollectionSpec Spec { get; }

    public string Name => Spec.Name;

    public CollectionFolder Folder { get; }

    public Lock Sync { get; } = new();

    public int Stride => _store.Stride;

    public bool IsDisposed => _disposed;

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

        foreach (var point in snapshot ?? [])
        {
            collection.ApplyUpsert(point);
        }

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

    public CollectionInfo Info()
    {
        lock (Sync)
        {
            return new CollectionInfo
            {
                Name = Spec.Name,
                Dimension = Spec.Dimension,
                Metric = Spec.Metric,
                Index = Spec.Index,
                Count = _points.LiveCount,
                MemoryBytes = _store.MemoryBytes + (_ivf?.MemoryBytes ?? 0),
                Nlist = Spec.Index == IndexKind.Ivf ? _ivf?.Nlist ?? 0 : null,
            };
        }
    }

    /// <summary>Logs and applies an upsert; returns the log position to flush before acknowledging.</summary>
    public long Upsert(IReadOnlyList<StoredPoint> points)
    {
        var record = LogRecordCodec.EncodeUpsert(points);
        lock (Sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var position = _wal.Append(record);
            foreach (var point in points)
            {
                ApplyUpsert(point);
            }

            AfterWrite();
            return position;
        }
    }

    /// <summary>Logs and applies a delete; returns the log position to flush and how many points existed.</summary>
    public (long Position, int Deleted) Delete(IReadOnlyList<string> ids)
    {
        var record = LogRecordCodec.EncodeDelete(ids);
        lock (Sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var deleted = ids.Count(id => _points.TryGetRow(id, out _));
            var position = _wal.Append(record);
            foreach (var id in ids)
            {
                ApplyDelete(id);
            }

            AfterWrite();
            return (position, deleted);
        }
    }

    public Task FlushAsync(long position) => _wal.FlushAsync(position);

    /// <summary>A query vector as stored vectors are: normalised for cosine, zero-padded to the stride.</summary>
    public float[] Prepare(ReadOnlySpan<float> vector)
    {
        var padded = new float[_store.Stride];
        vector.CopyTo(padded);
        if (Spec.Metric == VectorMetric.Cosine)
        {
            var norm = MathF.Sqrt(VectorStore.SquaredNorm(padded));
            for (var i = 0; i < vector.Length; i++)
            {
                padded[i] /= norm;
            }
        }

        return padded;
    }

    /// <summary>Row predicate for a query: live, and matching the filter if any. Called by device threads under <see cref="Sync"/>.</summary>
    public Func<int, bool> Acceptor(PayloadFilter? filter) =>
        filter is null ? _points.IsLive : row => _points.IsLive(row) && filter.Matches(_points.PayloadOf(row));

    /// <summary>Slices a query must scan: its probed IVF lists, or every row when exact (flat, untrained IVF, fallback). Caller holds <see cref="Sync"/>.</summary>
    public List<ScanSlice> PlanScan(float[] query, int nprobe, int sliceRows, bool exact)
    {
        var slices = new List<ScanSlice>();
        if (!exact && _ivf is { } ivf)
        {
            foreach (var list in ivf.Probe(query, nprobe))
            {
                AddSlices(slices, ivf.List(list).Source, sliceRows);
            }

            return slices;
        }

        AddSlices(slices, _store.Source, sliceRows);
        return slices;
    }

    /// <summary>Whether searches use the IVF lists (false while untrained: exact scans).</summary>
    public bool UsesIndex
    {
        get
        {
            lock (Sync)
            {
                return _ivf is not null;
            }
        }
    }

    public int LiveCount => _points.LiveCount;

    /// <summary>Turns a query's top-k into hits, dropping rows deleted since they were scanned. Caller holds <see cref="Sync"/>.</summary>
    public List<VectorHit> Resolve(TopKHeap heap)
    {
        var hits = new List<VectorHit>(heap.Count);
        foreach (var (distance, row) in heap.ToSortedArray())
        {
            if (_points.IsLive(row))
            {
                var score = Spec.Metric == VectorMetric.L2 ? Math.Max(0f, distance) : -distance;
                hits.Add(new VectorHit(new PointId(_points.IdOf(row)), score, _points.PayloadOf(row)));
            }
        }

        return hits;
    }

    /// <summary>Completes when no IVF training is running or due.</summary>
    public async Task WaitForIndexAsync()
    {
        while (true)
        {
            Task training;
            lock (Sync)
            {
                if (_dirtyWhileTraining is null)
                {
                    return;
                }

                training = _training;
            }

            await training.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        lock (Sync)
        {
            _disposed = true;
            _wal.Dispose();
        }
    }

    private static void AddSlices(List<ScanSlice> slices, SliceSource source, int sliceRows)
    {
        for (var start = 0; start < source.Count; start += sliceRows)
        {
            slices.Add(new ScanSlice(source, start, Math.Min(sliceRows, source.Count - start)));
        }
    }

    private void Apply(LogRecord record)
    {
        lock (Sync)
        {
            foreach (var point in record.Points)
            {
                ApplyUpsert(point);
            }

            foreach (var id in record.DeletedIds)
            {
                ApplyDelete(id);
            }
        }
    }

    private void ApplyUpsert(StoredPoint point)
    {
        JsonElement? payload = null;
        if (point.Payload is not null)
        {
            using var document = JsonDocument.Parse(point.Payload);
            payload = document.RootElement.Clone();
        }

        if (_points.TryGetRow(point.Id, out var row))
        {
            _store.Set(row, point.Vector);
            _points.SetPayload(row, payload);
            _ivf?.Update(row, _store.Row(row), _store.Source.SquaredNorms[row]);
        }
        else
        {
            row = _store.Append(point.Vector);
            _points.Add(row, point.Id, payload);
            _ivf?.Add(row, _store.Row(row), _store.Source.SquaredNorms[row]);
        }

        _dirtyWhileTraining?.Add(row);
    }

    private void ApplyDelete(string id)
    {
        if (_points.TryGetRow(id, out var row))
        {
            _points.Remove(row);
            _ivf?.Remove(row);
            _dirtyWhileTraining?.Add(row);
        }
    }

    private void AfterWrite()
    {
        if (_wal.Length > _options.SnapshotLogBytes)
        {
            var points = _points.LiveRows().Select(Stored).ToList();
            SnapshotFile.Write(Folder.SnapshotPath, points);
            _wal.Reset();
            VectorPoolLog.SnapshotWritten(_logger, Name, points.Count);
        }

        MaybeStartTraining();
    }

    private StoredPoint Stored(int row) => new(
        _points.IdOf(row),
        _store.Vector(row).ToArray(),
        _points.PayloadOf(row) is { } payload ? JsonSerializer.SerializeToUtf8Bytes(payload, VectorPoolJsonContext.Default.JsonElement) : null);

    private void MaybeStartTraining()
    {
        if (Spec.Index != IndexKind.Ivf || _dirtyWhileTraining is not null || _disposed)
        {
            return;
        }

        var count = _points.LiveCount;
        var nlist = Spec.Nlist ?? IvfTrainer.DefaultNlist(count);
        var due = _ivf is null ? count >= Math.Max(_options.IvfMinTrainPoints, nlist * 4) : count >= 2 * _ivf.TrainedOn;
        if (!due)
        {
            return;
        }

        var rows = _points.LiveRows().ToArray();
        var copy = new AlignedFloatBuffer((long)rows.Length * Stride);
        for (var i = 0; i < rows.Length; i++)
        {
            _store.Row(rows[i]).CopyTo(copy.AsSpan((long)i * Stride, Stride));
        }

        _dirtyWhileTraining = [];
        _training = Task.Run(() => TrainAndInstall(copy, rows, nlist));
    }

    private void TrainAndInstall(AlignedFloatBuffer copy, int[] rows, int nlist)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var (centroids, assignment) = IvfTrainer.Train(copy, rows, Stride, nlist, _options.IvfPointsPerCentroid, _options.IvfTrainIterations, seed: 20_240_601);
            lock (Sync)
            {
                var index = new IvfIndex(Spec.Dimension, Spec.Metric, centroids, nlist, rows.Length);
                var dirty = _dirtyWhileTraining!;
                for (var i = 0; i < rows.Length; i++)
                {
                    var row = rows[i];
                    if (_points.IsLive(row) && !dirty.Contains(row))
                    {
                        index.Add(row, _store.Row(row), _store.Source.SquaredNorms[row], assignment[i]);
                    }
                }

                foreach (var row in dirty.Where(_points.IsLive))
                {
                    index.Add(row, _store.Row(row), _store.Source.SquaredNorms[row]);
                }

                _ivf = index;
                _dirtyWhileTraining = null;
                VectorPoolLog.IvfTrained(_logger, Name, nlist, rows.Length, watch.ElapsedMilliseconds);
                MaybeStartTraining();
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            VectorPoolLog.IvfTrainingFailed(_logger, exception, Name);
            lock (Sync)
            {
                _dirtyWhileTraining = null;
            }
        }
    }
}
