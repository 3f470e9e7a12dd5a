namespace Trinity.Grammar.Automata;

/// <summary>Epsilon closure of NFA state sets, with a generation stamp so each call allocates only its result.</summary>
internal sealed class EpsilonClosure
{
    private readonly (int[] Offsets, int[] Items) _index;
    private readonly IReadOnlyList<(int From, int To)> _edges;
    private readonly int[] _stamp;
    private readonly bool[] _important;
    private readonly Stack<int> _work = new();
    private int _generation;

    public EpsilonClosure(int stateCount, (int[] Offsets, int[] Items) index, IReadOnlyList<(int From, int To)> edges, bool[] important)
    {
        _index = index;
        _edges = edges;
        _stamp = new int[stateCount];
        _important = important;
    }

    /// <summary>The sorted set of states reachable from <paramref name="seeds"/> by epsilon edges, keeping only the
    /// important ones (those with byte or call edges, or ending a rule). Two closures that differ only in states
    /// with nothing but epsilon edges behave the same; dropping those keeps, for instance, "after an ASCII character"
    /// and "after a two-byte character" of a string one DFA state instead of one per kind of character.</summary>
    public int[] Of(IEnumerable<int> seeds)
    {
        _generation++;
        var result = new List<int>();
        foreach (var seed in seeds)
        {
            Visit(seed, result);
        }

        while (_work.Count > 0)
        {
            var s = _work.Pop();
            for (var i = _index.Offsets[s]; i < _index.Offsets[s + 1]; i++)
            {
                Visit(_edges[_index.Items[i]].To, result);
            }
        }

        result.RemoveAll(s => !_important[s]);
        result.Sort();
        return [.. result];
    }

    private void Visit(int s, List<int> result)
    {
        if (_stamp[s] != _generation)
        {
            _stamp[s] = _generation;
            result.Add(s);
            _work.Push(s);
        }
    }
}
