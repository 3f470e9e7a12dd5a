using System.Runtime.CompilerServices;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Quantization;
using Trinity.VectorGpu.Scheduling;

namespace Trinity.VectorGpu.Indexes;

/// <summary>
/// A resumable beam search over a <see cref="GraphIndex"/>: the best <c>ef</c> candidates sorted by (distance, node),
/// each expanded once (its neighbours scored), until none is left to expand. All of its state lives here, so
/// <see cref="Advance"/> can stop after any number of expansions and continue in a later pool iteration with the
/// same outcome as a walk run in one go. Rejected nodes (deleted, filtered) still guide the walk; accepted ones
/// also enter <see cref="Results"/>. Called under the collection's lock.
/// </summary>
internal sealed class GraphWalk : IResumableSearch
{
    private readonly GraphIndex _graph;
    private readonly SearchVectors _vectors;
    private readonly float[] _padded;
    private PreparedQuery? _query;
    private readonly Func<int, bool>? _accept;
    private readonly GraphCandidate[] _beam;
    private VisitedSet? _visited;
    private int _count;
    private int _next;
    private bool _started;

    public GraphWalk(GraphIndex graph, SearchVectors vectors, PreparedQuery query, int ef, Func<int, bool>? accept, int results)
        : this(graph, vectors, query.Vector, ef, accept, results)
    {
        _query = query;
    }

    /// <summary>
    /// A walk for the padded fp32 query <paramref name="padded"/>, prepared for <paramref name="vectors"/> (quantized, for
    /// codes) by its first <see cref="Advance"/>: on whichever device thread runs it rather than on the caller's.
    /// </summary>
    public GraphWalk(GraphIndex graph, SearchVectors vectors, float[] padded, int ef, Func<int, bool>? accept, int results)
    {
        _graph = graph;
        _vectors = vectors;
        _padded = padded;
        _accept = accept;
        // Padded by a cache line's worth of entries so that beams of walks on different threads never share a line.
        _beam = new GraphCandidate[Math.Max(1, ef) + 8];
        Ef = Math.Max(1, ef);
        Results = accept is null ? null : new TopKHeap(Math.Max(1, results));
    }

    public int Ef { get; }

    /// <summary>The padded fp32 query the walk was started with.</summary>
    public float[] QueryVector => _padded;

    /// <summary>
    /// Turns the finished walk's results into hits; run by <see cref="Advance"/> as the walk ends, on the device thread
    /// that ran it and under the collection's lock, so that re-ranking happens in parallel with the iteration's other
    /// walks. Null: the caller resolves.
    /// </summary>
    public Func<GraphWalk, List<Client.VectorHit>>? Resolver { get; init; }

    /// <summary>
    /// Every node the walk can reach is acceptable (no filter, no deleted row when it started): the walk then skips its
    /// results heap while walking and, as it ends, takes the best candidates of its beam instead — the same set, since
    /// the beam holds the best <c>ef</c> nodes it ever scored and the heap the best of those it accepted. The acceptor
    /// still screens them then (rows deleted meanwhile).
    /// </summary>
    public bool AcceptsEveryNode { get; init; }

    /// <summary>What <see cref="Resolver"/> returned when the walk ended (null until then, or without a resolver).</summary>
    public List<Client.VectorHit>? Hits { get; private set; }

    /// <summary>Accepted nodes scored so far, best first when sorted (null for a walk without an acceptor).</summary>
    public TopKHeap? Results { get; }

    public int Expansions { get; private set; }

    /// <summary>Vectors scored so far (distances computed).</summary>
    public int Scored { get; private set; }

    public bool IsFinished { get; private set; }

    /// <summary>Out-degree of the graph: distances scored per expansion, at most.</summary>
    public int Degree => _graph.Degree;

    /// <summary>Bytes read per scored vector.</summary>
    public int BytesPerVector => _vectors.BytesPerVector;

    public int RowsPerStep => _graph.Degree;

    public int FloatsPerRow => Math.Max(1, _vectors.BytesPerVector / sizeof(float));

    public int EstimatedRemainingSteps => Math.Max(1, (2 * Ef) - Expansions);

    /// <summary>The beam's candidates, best first.</summary>
    public ReadOnlySpan<GraphCandidate> Beam => _beam.AsSpan(0, _count);

    /// <summary>Runs up to <paramref name="maxExpansions"/> expansions; returns how many ran (fewer when the walk ends).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Advance(int maxExpansions)
    {
        if (IsFinished)
        {
            return 0;
        }

        Span<int> fresh = stackalloc int[_graph.Degree];
        Span<float> distances = stackalloc float[_graph.Degree];
        if (!_started)
        {
            _started = true;

            // Rented and cleared here, on the device thread that runs the walk, not at admission on the loop thread:
            // a batch of 64 walks cleared 2 MB of bits there, one walk after another.
            _visited = new VisitedSet(_graph.Count);
            _query ??= _vectors.Prepare(_padded);
            var entry = _graph.Entry;
            if (entry < 0)
            {
                Finish();
                return 0;
            }

            _visited!.Add(entry);
            fresh[0] = entry;
            _vectors.Distances(_query, fresh[..1], distances[..1]);
            Offer(distances[0], entry);
            StartFromSeeds();
        }

        var done = 0;
        while (done < maxExpansions)
        {
            while (_next < _count && _beam[_next].Expanded)
            {
                _next++;
            }

            if (_next >= _count)
            {
                Finish();
                if (AcceptsEveryNode && Results is { } results)
                {
                    foreach (var candidate in Beam)
                    {
                        if (candidate.Distance <= results.Threshold && _accept!(candidate.Node))
                        {
                            results.TryPush(candidate.Distance, candidate.Node);
                        }
                    }
                }

                if (Resolver is { } resolve)
                {
                    Hits = resolve(this);
                }

                break;
            }

            _beam[_next].Expanded = true;
            var neighbours = _graph.Neighbours(_beam[_next].Node);

            // The next expansion is most likely the next unexpanded candidate: have its links on their way meanwhile.
            for (var j = _next + 1; j < _count; j++)
            {
                if (!_beam[j].Expanded)
                {
                    _graph.PrefetchLinks(_beam[j].Node);
                    break;
                }
            }

            var m = 0;
            foreach (var node in neighbours)
            {
                if (_visited!.Add(node))
                {
                    fresh[m++] = node;
                }
            }

            _vectors.Distances(_query!, fresh[..m], distances[..m]);
            Scored += m;
            for (var i = 0; i < m; i++)
            {
                Offer(distances[i], fresh[i]);
            }

            done++;
        }

        Expansions += done;
        return done;
    }

    /// <summary>Scores every seed (one per island the entry does not reach) and puts the nearest few in the beam too.</summary>
    private void StartFromSeeds()
    {
        const int Starts = 4;
        var seeds = _graph.Seeds;
        if (seeds.Length == 0)
        {
            return;
        }

        var scores = System.Buffers.ArrayPool<float>.Shared.Rent(seeds.Length);
        _vectors.Distances(_query!, seeds, scores.AsSpan(0, seeds.Length));
        Scored += seeds.Length;
        var best = new TopKHeap(Starts);
        for (var i = 0; i < seeds.Length; i++)
        {
            best.TryPush(scores[i], seeds[i]);
        }

        System.Buffers.ArrayPool<float>.Shared.Return(scores);
        foreach (var (distance, node) in best.ToSortedArray())
        {
            if (_visited!.Add(node))
            {
                Offer(distance, node);
            }
        }
    }

    /// <summary>Scores arbitrary rows against the walk's query (benchmarks of the distance kernel).</summary>
    internal void ScoreForBench(ReadOnlySpan<int> rows, Span<float> distances) => _vectors.Distances(_query ??= _vectors.Prepare(_padded), rows, distances);

    /// <summary>Ends the walk early (cancelled or abandoned) and returns its pooled memory.</summary>
    public void Finish()
    {
        IsFinished = true;
        _visited?.Release();
        _visited = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Offer(float distance, int node)
    {
        if (!AcceptsEveryNode && Results is { } results && distance <= results.Threshold && _accept!(node))
        {
            results.TryPush(distance, node);
        }

        if (_count == Ef && !Better(distance, node, _beam[_count - 1]))
        {
            return;
        }

        // Insertion from the end, shifting worse entries up as it goes: one branch miss at the loop's exit, where a
        // binary search over the beam missed at almost every step.
        var lo = _count == Ef ? _count - 1 : _count++;
        while (lo > 0 && Better(distance, node, _beam[lo - 1]))
        {
            _beam[lo] = _beam[lo - 1];
            lo--;
        }

        _beam[lo] = new GraphCandidate { Distance = distance, Node = node };
        if (lo < _next)
        {
            _next = lo;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Better(float distance, int node, in GraphCandidate other) =>
        distance < other.Distance || (distance == other.Distance && node < other.Node);
}
