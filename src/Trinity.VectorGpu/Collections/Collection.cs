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
internal sealed partial class Collection : IDisposable
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
        var mapped = spec.Storage != VectorStorage.Fp32 && (spec.Rerank ?? RerankSource.Disk) != RerankSource.Memory;
        _store = new VectorStore(spec.Dimension, spec.Metric, mappedPath: mapped ? folder.MappedVectorsPath : null);
        InitGraph();
    }

    public CollectionSpec Spec { get; }

    public string Name => Spec.Name;

    public CollectionFolder Folder { get; }

    public Lock Sync { get; } = new();

    public int Stride => _store.Stride;

    public bool IsDisposed => _disposed;

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
                MemoryBytes = _store.MemoryBytes + (_ivf?.MemoryBytes ?? 0) + GraphMemoryBytes,
                Nlist = Spec.Index == IndexKind.Ivf ? _ivf?.Nlist ?? 0 : null,
                Storage = Spec.Storage,
                GraphDegree = _graph?.Degree,
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

            FlushGraph();
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

            FlushGraph();
            AfterWrite();
            return (position, deleted);
        }
    }

    public Task FlushAsync(long position) => _wal.FlushAsync(position);

    public void Dispose()
    {
        lock (Sync)
        {
            _disposed = true;
            _wal.Dispose();
            _store.Dispose();
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

            FlushGraph();
            foreach (var id in record.DeletedIds)
            {
                ApplyDelete(id);
            }

            FlushGraph();
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
            _store.Source.Journal.Record(row);
            _points.SetPayload(row, payload);
            _ivf?.Update(row, _store.Row(row), _store.Source.SquaredNorms[row]);
        }
        else
        {
            row = _store.Append(point.Vector);
            _points.Add(row, point.Id, payload);
            _ivf?.Add(row, _store.Row(row), _store.Source.SquaredNorms[row]);
        }

        GraphStored(row);

        _dirtyWhileTraining?.Add(row);
    }

    private void ApplyDelete(string id)
    {
        if (_points.TryGetRow(id, out var row))
        {
            _points.Remove(row);
            _store.Source.Journal.Record(row);
            _ivf?.Remove(row);
            _graph?.MarkDeleted(row);
            _dirtyWhileTraining?.Add(row);
        }
    }

    private void AfterWrite()
    {
        MaybeCompact();
        if (_wal.Length > _options.SnapshotLogBytes)
        {
            WriteGraphForSnapshot();
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
}
