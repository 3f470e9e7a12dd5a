namespace Trinity.Grammar.Automata;

/// <summary>
/// The runtime position in a <see cref="PushdownAutomaton"/>: a set of configurations (a state that reads bytes,
/// plus a call stack). Stacks are linked nodes in an append-only arena, shared between configurations; the arena is
/// compacted after a commit once it grows. After warm-up nothing here allocates.
/// </summary>
/// <remarks>Configurations are kept closed: calls are entered and final states popped eagerly, so every stored
/// configuration's state reads a byte, and <see cref="CanEnd"/> says whether the root rule may stop here.</remarks>
internal sealed class StackSet
{
    private const int CompactAbove = 4096;

    private readonly PushdownAutomaton _automaton;
    private readonly ConfigBuffer _current = new();
    private readonly ConfigBuffer _a = new();
    private readonly ConfigBuffer _b = new();
    private StackArena _nodes = new();
    private StackArena _spare = new();
    private int[] _remap = new int[64];

    public StackSet(PushdownAutomaton automaton)
    {
        _automaton = automaton;
        Reset();
    }

    public int Count => _current.Count;

    /// <summary>Whether the root rule may end at this point.</summary>
    public bool CanEnd => _current.CanEnd;

    public int StateAt(int index) => _current.States[index];

    public int StackAt(int index) => _current.Stacks[index];

    public void Reset()
    {
        _nodes.Count = 0;
        _current.Clear();
        AddClosed(_automaton.Root, -1, _current);
    }

    /// <summary>Reads <paramref name="bytes"/>; on success commits the new position, on failure leaves it unchanged.</summary>
    public bool TryAdvance(ReadOnlySpan<byte> bytes)
    {
        var watermark = _nodes.Count;
        var from = _current;
        for (var i = 0; i < bytes.Length; i++)
        {
            var to = from == _a ? _b : _a;
            Step(from, bytes[i], to);
            if (to.Count == 0 && !(to.CanEnd && i == bytes.Length - 1))
            {
                _nodes.Count = watermark;
                return false;
            }

            from = to;
        }

        if (from != _current)
        {
            _current.CopyFrom(from);
        }

        if (_nodes.Count > CompactAbove)
        {
            Compact();
        }

        return true;
    }

    /// <summary>Whether <paramref name="bytes"/> can be read from configuration <paramref name="index"/> alone;
    /// the position is not changed.</summary>
    public bool Accepts(int index, ReadOnlySpan<byte> bytes)
    {
        var watermark = _nodes.Count;
        var from = _a;
        from.Clear();
        from.Add(_current.States[index], _current.Stacks[index]);
        var alive = true;
        for (var i = 0; i < bytes.Length && alive; i++)
        {
            var to = from == _a ? _b : _a;
            Step(from, bytes[i], to);
            alive = to.Count > 0 || (to.CanEnd && i == bytes.Length - 1);
            from = to;
        }

        _nodes.Count = watermark;
        return alive;
    }

    private void Step(ConfigBuffer from, byte b, ConfigBuffer to)
    {
        to.Clear();
        var next = _automaton.Next;
        var classOffset = _automaton.ByteClass[b];
        var classCount = _automaton.ClassCount;
        for (var i = 0; i < from.Count; i++)
        {
            var t = next[(from.States[i] * classCount) + classOffset];
            if (t >= 0)
            {
                AddClosed(t, from.Stacks[i], to);
            }
        }
    }

    private void AddClosed(int state, int stack, ConfigBuffer to)
    {
        var a = _automaton;
        if (a.ReadsBytes[state] && !Contains(to, state, stack))
        {
            to.Add(state, stack);
        }

        for (var i = a.CallOffsets[state]; i < a.CallOffsets[state + 1]; i++)
        {
            AddClosed(a.RuleStarts[a.CallRules[i]], _nodes.Push(a.CallReturns[i], stack), to);
        }

        if (a.IsFinal[state])
        {
            if (stack < 0)
            {
                to.CanEnd = true;
            }
            else
            {
                AddClosed(_nodes.StateOf(stack), _nodes.ParentOf(stack), to);
            }
        }
    }

    private bool Contains(ConfigBuffer buffer, int state, int stack)
    {
        for (var i = 0; i < buffer.Count; i++)
        {
            if (buffer.States[i] == state && _nodes.Same(buffer.Stacks[i], stack))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Copies the live stacks into the spare arena, keeping shared tails shared, and swaps arenas.</summary>
    private void Compact()
    {
        if (_remap.Length < _nodes.Count)
        {
            _remap = new int[_nodes.Capacity];
        }

        _remap.AsSpan(0, _nodes.Count).Fill(-1);
        (_nodes, _spare) = (_spare, _nodes);
        _nodes.Count = 0;
        for (var i = 0; i < _current.Count; i++)
        {
            _current.Stacks[i] = CopyFromSpare(_current.Stacks[i]);
        }
    }

    private int CopyFromSpare(int node)
    {
        if (node < 0)
        {
            return -1;
        }

        if (_remap[node] < 0)
        {
            var parent = CopyFromSpare(_spare.ParentOf(node));
            _remap[node] = _nodes.Push(_spare.StateOf(node), parent);
        }

        return _remap[node];
    }
}
