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
    private bool _deferGraph;

    /// <summary>Whether searches walk a graph.</summary>
    public bool IsGraph => _graph is not null;

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
        return new GraphWalk(graph, vectors, vectors.Prepare(prepared), Math.Max(ef, k), Acceptor(filter), kept);
    }

    /// <summary>
    /// A finished walk's hits: its best accepted candidates, re-ranked on fp32 vectors when the walk read codes (and
    /// re-ranking is on), dropping rows deleted since. Caller holds <see cref="Sync"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public unsafe List<VectorHit> ResolveWalk(GraphWalk walk, int k)
    {
        var heap = new TopKHeap(k);
        var candidates = walk.Results!.ToSortedArray();
        if (_searchVectors is { IsExact: false } && Spec.Rerank != RerankSource.None)
        {
            var exact = new Fp32SearchVectors(_store);
            var query = exact.Prepare(walk.QueryVector);
            var rows = candidates.Where(c => _points.IsLive(c.Row)).Select(c => c.Row).ToArray();
            var distances = new float[rows.Length];
            exact.Distances(query, rows, distances);
            for (var i = 0; i < rows.Length; i++)
            {
                heap.TryPush(distances[i], rows[i]);
            }
        }
        else
        {
            foreach (var (distance, row) in candidates)
            {
                heap.TryPush(distance, row);
            }
        }

        return Resolve(heap);
    }

    private void InitGraph()
    {
        if (Spec.Index != IndexKind.Graph)
        {
            return;
        }

        _graph = new GraphIndex(_store, 2 * (Spec.M ?? DefaultM), Spec.EfConstruction ?? DefaultEfConstruction);
        _searchVectors = Spec.Storage switch
        {
            VectorStorage.Fp16 => new Fp16SearchVectors(Spec.Dimension, Spec.Metric, 1024),
            VectorStorage.Sq8 => Sq8Quantizer.Read(Folder.QuantizerPath, Spec.Dimension) is { } quantizer ? new Sq8SearchVectors(quantizer, Spec.Metric, 1024) : null,
            _ => new Fp32SearchVectors(_store),
        };
    }

    /// <summary>A row was written: encode it and queue it for linking at the end of the write.</summary>
    private void GraphStored(int row)
    {
        if (_graph is null)
        {
            return;
        }

        _searchVectors?.Set(row, _store.Row(row));
        _graphPending.Add(row);
    }

    /// <summary>Learns SQ8 ranges when due, links the rows written by the last write, and repairs after many deletes.</summary>
    private void FlushGraph()
    {
        if (_graph is not { } graph || _deferGraph)
        {
            return;
        }

        if (Spec.Storage == VectorStorage.Sq8 && _searchVectors is null && _points.LiveCount >= _options.QuantizerTrainPoints)
        {
            TrainQuantizer();
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

    private void TrainQuantizer()
    {
        var rows = _points.LiveRows().ToArray();
        var quantizer = Sq8Quantizer.Train(rows.Select(r => (ReadOnlyMemory<float>)_store.Vector(r).ToArray()), Spec.Dimension);
        quantizer.Write(Folder.QuantizerPath);
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
        if (_graph is not { } graph)
        {
            return;
        }

        _deferGraph = false;
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
