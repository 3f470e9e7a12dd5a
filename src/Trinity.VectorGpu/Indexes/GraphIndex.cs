using System.Runtime.CompilerServices;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;
using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Quantization;

namespace Trinity.VectorGpu.Indexes;

/// <summary>
/// A proximity graph over a collection's rows (node = row) with a fixed out-degree R = 2·m, built on the CPU by
/// insertion in the way of Vamana / HNSW's bottom layer: a new point's neighbours are the best of a beam search
/// (width <c>ef_construction</c>) pruned for diversity (α = 1, HNSW's rule), and each chosen neighbour links back,
/// pruning itself when full.
/// Points arriving together are searched in parallel against the graph as it was before them (and compared with
/// each other directly), then linked in order, so the graph — and every answer — is the same whatever the thread
/// count. Deleted points are tombstones (they still guide walks but are never returned) until
/// <see cref="Consolidate"/> rewires their in-neighbours around them. Mutated only under the collection's lock.
/// </summary>
internal sealed partial class GraphIndex
{
    /// <summary>
    /// Pruning slack: a candidate is dropped when a kept neighbour is α times closer to it than the point is. 1, not
    /// Vamana's 1.2: with α = 1.2 the near-equidistant points of a high-dimensional cluster keep only each other, so
    /// clustered data fell apart into islands and points nobody links to (1,326 of 200k; recall stuck at 0.95), while
    /// α = 1 keeps the graph connected with fewer edges per node (docs/BENCHMARKS.md).
    /// </summary>
    public const float Alpha = 1.0f;

    private readonly VectorStore _store;
    private readonly Fp32SearchVectors _exact;
    private readonly int _linkStride;
    private int[] _links;
    private bool[] _deleted;
    private readonly List<int> _tombstones = [];
    private int[] _seeds = [];
    private int _deadCount;
    private int _entryChosenAt;

    public GraphIndex(VectorStore store, int degree, int efConstruction)
    {
        _store = store;
        _exact = new Fp32SearchVectors(store);
        Degree = degree;
        EfConstruction = Math.Max(efConstruction, degree);
        _linkStride = degree + 1;
        _links = GC.AllocateArray<int>(16 * _linkStride, pinned: true);
        _deleted = new bool[16];
    }

    public int Degree { get; }

    public int EfConstruction { get; }

    /// <summary>Nodes allocated (rows seen), live or not.</summary>
    public int Count { get; private set; }

    /// <summary>Where every walk starts; −1 while the graph is empty.</summary>
    public int Entry { get; private set; } = -1;

    /// <summary>Nodes not deleted: what group sizes and entry refreshes are based on, equal before and after a reload.</summary>
    public int LiveNodes => Count - _deadCount;

    /// <summary>Deleted nodes still linked from others.</summary>
    public int TombstoneCount => _tombstones.Count;

    public long MemoryBytes => ((long)_links.Length * sizeof(int)) + _deleted.Length;

    public ReadOnlySpan<int> Neighbours(int node) =>
        (uint)node < (uint)Count ? _links.AsSpan((node * _linkStride) + 1, _links[node * _linkStride]) : [];

    public bool IsDeleted(int node) => _deleted[node];

    /// <summary>Asks for <paramref name="node"/>'s adjacency block (count and links) to be brought into cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchLinks(int node)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && (uint)node < (uint)Count)
        {
            // _links is pinned (allocated on the pinned heap), so its address is stable.
            var start = (byte*)Unsafe.AsPointer(ref _links[node * _linkStride]);
            for (var offset = 0; offset < _linkStride * sizeof(int); offset += 64)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(start + offset);
            }
        }
    }

    /// <summary>
    /// One live node of every part of the graph that the entry point's links do not reach. A layer pruned for
    /// diversity keeps almost no edges between well-separated clusters (every near neighbour of a point is in its own
    /// cluster), so such data falls apart into islands; a walk scores these seeds first and starts from the nearest,
    /// as HNSW's upper layers would route it. Recomputed after every insert and repair; empty on a connected graph.
    /// </summary>
    public ReadOnlySpan<int> Seeds => _seeds;

    public void MarkDeleted(int node)
    {
        if ((uint)node < (uint)Count && !_deleted[node])
        {
            _deleted[node] = true;
            _deadCount++;
            _tombstones.Add(node);
        }
    }

    /// <summary>Links new rows (and re-links updated ones) into the graph, in order.</summary>
    public void Insert(IReadOnlyList<int> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var highest = rows.Max();
        EnsureCapacity(highest + 1);
        if (highest >= Count)
        {
            // Rows allocated and deleted before they were linked never join: dead from the start.
            var joining = new HashSet<int>(rows);
            for (var row = Count; row <= highest; row++)
            {
                if (!joining.Contains(row))
                {
                    _deleted[row] = true;
                    _deadCount++;
                }
            }

            Count = highest + 1;
        }
        for (var start = 0; start < rows.Count;)
        {
            var size = Math.Min(rows.Count - start, Math.Clamp(LiveNodes / 8, 16, 512));
            InsertGroup(rows.Skip(start).Take(size).ToArray());
            start += size;
        }

        if (LiveNodes >= 2 * Math.Max(512, _entryChosenAt))
        {
            ChooseEntry();
        }

        FindSeeds();
    }

    /// <summary>Breadth-first from the entry; each live node still unreached (in row order) becomes a seed and is explored in turn.</summary>
    internal void FindSeeds()
    {
        var reached = new bool[Count];
        var queue = new Queue<int>();
        var seeds = new List<int>();
        void Explore(int start)
        {
            reached[start] = true;
            queue.Enqueue(start);
            while (queue.TryDequeue(out var node))
            {
                foreach (var next in Neighbours(node))
                {
                    if (!reached[next])
                    {
                        reached[next] = true;
                        queue.Enqueue(next);
                    }
                }
            }
        }

        if (Entry >= 0)
        {
            Explore(Entry);
        }

        for (var node = 0; node < Count; node++)
        {
            if (!reached[node] && !_deleted[node])
            {
                seeds.Add(node);
                Explore(node);
            }
        }

        _seeds = [.. seeds];
    }

    private void InsertGroup(int[] group)
    {
        if (Entry < 0 || _deleted[Entry])
        {
            Entry = group[0];
        }

        var chosen = new int[group.Length][];
        Parallel.For(0, group.Length, i => chosen[i] = Prune(group[i], Candidates(group[i], group)));
        for (var i = 0; i < group.Length; i++)
        {
            SetLinks(group[i], chosen[i]);
        }

        // Back links, grouped by target so that each target is rewritten by one thread, from inputs in a fixed order.
        var incoming = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < group.Length; i++)
        {
            foreach (var target in chosen[i])
            {
                if (!incoming.TryGetValue(target, out var sources))
                {
                    incoming[target] = sources = [];
                }

                sources.Add(group[i]);
            }
        }

        var targets = incoming.Keys.ToArray();
        var rewritten = new int[targets.Length][];
        Parallel.For(0, targets.Length, t =>
        {
            var target = targets[t];
            var merged = new List<int>(Neighbours(target).ToArray());
            foreach (var source in incoming[target])
            {
                if (source != target && !merged.Contains(source))
                {
                    merged.Add(source);
                }
            }

            rewritten[t] = merged.Count <= Degree ? [.. merged] : Prune(target, Scored(target, merged));
        });
        for (var t = 0; t < targets.Length; t++)
        {
            SetLinks(targets[t], rewritten[t]);
        }
    }

    /// <summary>Beam-search candidates for <paramref name="node"/> on the graph as it stands, plus the rest of its group, best first.</summary>
    private List<(float Distance, int Node)> Candidates(int node, int[] group)
    {
        var query = _exact.Prepare(_store.Row(node).ToArray());
        var candidates = new List<(float Distance, int Node)>(EfConstruction + group.Length);
        if (Entry >= 0 && Entry != node && Links(Entry) > 0)
        {
            var walk = new GraphWalk(this, _exact, query, EfConstruction, accept: null, results: 0);
            walk.Advance(int.MaxValue);
            foreach (var candidate in walk.Beam)
            {
                if (candidate.Node != node && !_deleted[candidate.Node])
                {
                    candidates.Add((candidate.Distance, candidate.Node));
                }
            }
        }

        var others = group.Where(n => n != node && !candidates.Exists(c => c.Node == n)).ToArray();
        var distances = new float[others.Length];
        _exact.Distances(query, others, distances);
        for (var i = 0; i < others.Length; i++)
        {
            candidates.Add((distances[i], others[i]));
        }

        candidates.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Node.CompareTo(b.Node));
        return candidates;
    }

    /// <summary>Distances from <paramref name="node"/> to <paramref name="others"/>, best first.</summary>
    private List<(float Distance, int Node)> Scored(int node, List<int> others)
    {
        var query = _exact.Prepare(_store.Row(node).ToArray());
        var distances = new float[others.Count];
        var ids = others.ToArray();
        _exact.Distances(query, ids, distances);
        var scored = new List<(float Distance, int Node)>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            scored.Add((distances[i], ids[i]));
        }

        scored.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Node.CompareTo(b.Node));
        return scored;
    }

    /// <summary>
    /// Keeps, nearest first, the candidates not already covered by a kept one: c is dropped when some kept s has
    /// α²·‖s − c‖² ≤ ‖p − c‖². Geometry is judged in L2 whatever the metric (cosine vectors are normalised).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe int[] Prune(int node, List<(float Distance, int Node)> candidates)
    {
        var kept = new List<int>(Degree);
        var norms = _store.Source.SquaredNorms;
        var stride = _store.Stride;
        var l2 = _store.Source.Metric == VectorMetric.L2;
        var alpha2 = Alpha * Alpha;
        foreach (var (distance, candidate) in candidates)
        {
            if (candidate == node || _deleted[candidate] || kept.Contains(candidate))
            {
                continue;
            }

            var toNode = l2 ? distance : norms[node] + norms[candidate] + (2f * distance);
            var x = _store.RowPointer(candidate);
            var keep = true;
            foreach (var s in kept)
            {
                var between = norms[s] + norms[candidate] - (2f * Fp32SearchVectors.Dot(_store.RowPointer(s), x, stride));
                if (alpha2 * between <= toNode)
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                kept.Add(candidate);
                if (kept.Count == Degree)
                {
                    break;
                }
            }
        }

        return [.. kept];
    }

    private int Links(int node) => _links[node * _linkStride];

    private void SetLinks(int node, ReadOnlySpan<int> neighbours)
    {
        var offset = node * _linkStride;
        _links[offset] = neighbours.Length;
        neighbours.CopyTo(_links.AsSpan(offset + 1, Degree));
    }

    private unsafe void EnsureCapacity(int nodes)
    {
        if (nodes <= _deleted.Length)
        {
            return;
        }

        var capacity = Math.Max(nodes, _deleted.Length * 2);
        var links = GC.AllocateUninitializedArray<int>(capacity * _linkStride, pinned: true);
        _links.CopyTo(links, 0);
        _links = links;
        fixed (int* start = _links)
        {
            Storage.HugePages.Advise(start, (long)_links.Length * sizeof(int));
        }

        Array.Resize(ref _deleted, capacity);
    }

    /// <summary>Moves the entry to the live node nearest the mean of all live vectors: walks then start central.</summary>
    private void ChooseEntry()
    {
        _entryChosenAt = LiveNodes;
        var mean = new double[_store.Stride];
        var live = 0;
        for (var node = 0; node < Count; node++)
        {
            if (_deleted[node] || Links(node) == 0)
            {
                continue;
            }

            live++;
            var row = _store.Row(node);
            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += row[d];
            }
        }

        if (live == 0)
        {
            return;
        }

        var centre = mean.Select(m => (float)(m / live)).ToArray();
        var walk = new GraphWalk(this, _exact, _exact.Prepare(centre), EfConstruction, accept: null, results: 0);
        walk.Advance(int.MaxValue);
        foreach (var candidate in walk.Beam)
        {
            if (!_deleted[candidate.Node])
            {
                Entry = candidate.Node;
                return;
            }
        }
    }
}
