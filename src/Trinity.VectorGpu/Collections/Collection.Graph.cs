using System.IO.Hashing;
using System.Text;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Indexes;
using Trinity.VectorGpu.Quantization;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Collections;

/// <summary>
/// Graph collections: points join the graph at the end of each write (a log record), in order, so replaying the log
/// rebuilds exactly the graph the process had; the graph is written beside every snapshot so a start after one loads
/// it instead. Quantized storage (fp16, SQ8) keeps codes for walking and re-ranks the best candidates on fp32.
/// </summary>
internal sealed partial class Collection
{
    /// <summary>Neighbour count parameter when a spec gives none (degree = 2·m).</summary>
    public const int DefaultM = 16;

    public const int DefaultEfConstruction = 200;

    private GraphIndex? _graph;
    private SearchVectors? _searchVectors;
    private readonly List<int> _graphPending = [];
    private CodeFormat? _listFormat;
    private bool _deferGraph;

    /// <summary>Whether searches walk a graph.</summary>
    public bool IsGraph => _graph is not null;

    /// <summary>The collection's graph, null unless it is a graph collection (diagnostics and benchmarks).</summary>
    internal GraphIndex? Graph => _graph;

    private long GraphMemoryBytes => (_graph?.MemoryBytes ?? 0) + (_searchVectors?.MemoryBytes ?? 0);

    /// <summary>Starts a walk for a prepared query; null when the collection has no graph. Caller holds <see cref="Sync"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public GraphWalk? StartWalk(float[] prepared, int k, int ef, PayloadFilter? filter)
    {
        if (_graph is not { } graph)
        {
            return null;
        }

        var vectors = _searchVectors ?? new Fp32SearchVectors(_store);
        var kept = vectors.IsExact || Spec.Rerank == RerankSource.None ? k : Math.Max(k, Math.Min(ef, _options.RerankFactor * k));
        return new GraphWalk(graph, vectors, prepared, Math.Max(ef, k), Acceptor(filter), kept)
        {
            Resolver = walk => ResolveWalk(walk, k),
            AcceptsEveryNode = filter is null && _points.DeadCount == 0,
        };
    }

    /// <summary>
    /// A finished walk's hits: its best accepted candidates, re-ranked on fp32 vectors when the walk read codes (and
    /// re-ranking is on), dropping rows deleted since. Caller holds <see cref="Sync"/>.
    /// </summary>
    public List<VectorHit> ResolveWalk(GraphWalk walk, int k) =>
        Rerank(walk.Results!.ToSortedArray(), walk.QueryVector, k, approximate: _searchVectors is { IsExact: false });

    /// <summary>
    /// How many candidates a scan keeps for a k-nearest query: k, or <see cref="CollectionOptions.RerankFactor"/>·k
    /// when quantized storage is re-ranked (a scan of codes ranks approximately).
    /// </summary>
    public int ScanKeep(int k) => Spec.Storage == VectorStorage.Fp32 || Spec.Rerank == RerankSource.None ? k : k * _options.RerankFactor;

    /// <summary>A finished scan's hits: its candidates re-ranked on fp32 when it may have read codes, the best k kept. Caller holds <see cref="Sync"/>.</summary>
    public List<VectorHit> ResolveScan(TopKHeap heap, float[] query, int k) =>
        Spec.Storage == VectorStorage.Fp32 ? Resolve(heap) : Rerank(heap.ToSortedArray(), query, k, approximate: true);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private List<VectorHit> Rerank((float Distance, int Row)[] candidates, float[] query, int k, bool approximate)
    {
        var heap = new TopKHeap(k);
        if (approximate && Spec.Rerank != RerankSource.None)
        {
            var exact = new Fp32SearchVectors(_store);
            var prepared = exact.Prepare(query);
            var rows = new int[candidates.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = candidates[i].Row;
            }

            // Every row's fp32 vector is asked for at once, liveness checked after: a check first missed the cache
            // once per candidate before the first vector was even requested.
            var distances = new float[rows.Length];
            exact.Distances(prepared, rows, distances);
            for (var i = 0; i < rows.Length; i++)
            {
                if (_points.IsLive(rows[i]))
                {
                    heap.TryPush(distances[i], rows[i]);
                }
            }
        }
        else
        {
            foreach (var (distance, row) in candidates)
            {
                if (_points.IsLive(row))
                {
                    heap.TryPush(distance, row);
                }
            }
        }

        return Resolve(heap);
    }

    private void InitGraph()
    {
        var quantizer = Spec.Storage == VectorStorage.Sq8 ? Sq8Quantizer.Read(Folder.QuantizerPath, Spec.Dimension) : null;
        _searchVectors = Spec.Storage switch
        {
            VectorStorage.Fp16 when Spec.Index != IndexKind.Ivf => new Fp16SearchVectors(Spec.Dimension, Spec.Metric, 1024),
            VectorStorage.Sq8 when Spec.Index != IndexKind.Ivf => quantizer is null ? null : new Sq8SearchVectors(quantizer, Spec.Metric, 1024),
            _ => Spec.Index == IndexKind.Graph ? new Fp32SearchVectors(_store) : null,
        };
        _listFormat = Spec.Index != IndexKind.Ivf ? null : Spec.Storage switch
        {
            VectorStorage.Fp16 => new Fp16CodeFormat(Spec.Dimension, _store.Stride),
            VectorStorage.Sq8 => quantizer is null ? null : new Sq8CodeFormat(quantizer, _store.Stride),
            _ => null,
        };
        _graph = Spec.Index == IndexKind.Graph ? new GraphIndex(_store, 2 * (Spec.M ?? DefaultM), Spec.EfConstruction ?? DefaultEfConstruction) : null;
    }

    /// <summary>A row was written: encode it and, for a graph, queue it for linking at the end of the write.</summary>
    private void GraphStored(int row)
    {
        _searchVectors?.Set(row, _store.Row(row));
        if (_graph is not null)
        {
            _graphPending.Add(row);
        }
    }

    /// <summary>
    /// At the end of every write: learns SQ8 ranges when due, points scans at the current codes, links the rows
    /// written by the last write into the graph, and repairs it after many deletes.
    /// </summary>
    private unsafe void FlushGraph()
    {
        if (_deferGraph)
        {
            return;
        }

        if (Spec.Storage == VectorStorage.Sq8 && _searchVectors is null && _listFormat is null && _points.LiveCount >= _options.QuantizerTrainPoints)
        {
            TrainQuantizer();
        }

        // Codes may have moved (they grow by reallocation): scans of the store read them from here.
        var source = _store.Source;
        var coded = _searchVectors is { IsExact: false } vectors ? vectors : null;
        source.Format = coded?.Format;
        source.Codes = coded is null ? null : coded.Codes;
        source.CodeNorms = coded?.CodeNorms;

        if (_graph is not { } graph)
        {
            return;
        }

        if (_graphPending.Count > 0)
        {
            graph.Insert(_graphPending.Where(_points.IsLive).Distinct().ToList());
            _graphPending.Clear();
        }

        if (graph.TombstoneCount > Math.Max(16, graph.LiveNodes / 10))
        {
            graph.Consolidate();
        }
    }

    /// <summary>Learns SQ8 ranges from the live rows and writes them; flat and graph rows get codes, IVF lists get the format at their next training.</summary>
    private void TrainQuantizer()
    {
        var rows = _points.LiveRows().ToArray();
        var quantizer = Sq8Quantizer.Train(rows.Select(r => (ReadOnlyMemory<float>)_store.Vector(r).ToArray()), Spec.Dimension);
        quantizer.Write(Folder.QuantizerPath);
        if (Spec.Index == IndexKind.Ivf)
        {
            _listFormat = new Sq8CodeFormat(quantizer, _store.Stride);
            return;
        }

        var vectors = new Sq8SearchVectors(quantizer, Spec.Metric, _store.Capacity);
        foreach (var row in rows)
        {
            vectors.Set(row, _store.Row(row));
        }

        _searchVectors = vectors;
    }

    /// <summary>Before a snapshot: repair the graph (no tombstones survive a reload) and write it, tagged with the snapshot's ids.</summary>
    private void WriteGraphForSnapshot()
    {
        if (_graph is not { } graph)
        {
            return;
        }

        graph.Consolidate();
        var rows = _points.LiveRows().ToList();
        graph.Write(Folder.GraphPath, rows, IdsTag(rows.Select(_points.IdOf)));
    }

    /// <summary>Loading: the snapshot's graph if its file matches, else the graph built from every snapshot row.</summary>
    private void LoadGraph(IReadOnlyList<StoredPoint> snapshot)
    {
        _deferGraph = false;
        if (_graph is not { } graph)
        {
            FlushGraph();
            return;
        }

        if (snapshot.Count > 0 && graph.TryRead(Folder.GraphPath, snapshot.Count, IdsTag(snapshot.Select(p => p.Id))))
        {
            _graphPending.Clear();
        }
        else
        {
            InitGraph();
            foreach (var row in _points.LiveRows())
            {
                _searchVectors?.Set(row, _store.Row(row));
                _graphPending.Add(row);
            }
        }

        FlushGraph();
    }

    private static uint IdsTag(IEnumerable<string> ids)
    {
        using var buffer = new MemoryStream();
        foreach (var id in ids)
        {
            buffer.Write(Encoding.UTF8.GetBytes(id));
            buffer.WriteByte(0);
        }

        return Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
