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
    private int[] _nodeState = new int[64];
    private int[] _nodeParent = new int[64];
    private int[] _spareState = new int[64];
    private int[] _spareParent = new int[64];
    private int[] _remap = new int[64];
    private int _nodeCount;

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
        _nodeCount = 0;
        _current.Clear();
        AddClosed(_automaton.Root, -1, _current);
    }

    /// <summary>Reads <paramref name="bytes"/>; on success commits the new position, on failure leaves it unchanged.</summary>
    public bool TryAdvance(ReadOnlySpan<byte> bytes)
    {
        var watermark = _nodeCount;
        var from = _current;
        for (var i = 0; i < bytes.Length; i++)
        {
            var to = from == _a ? _b : _a;
            Step(from, bytes[i], to);
            if (to.Count == 0 && !(to.CanEnd && i == bytes.Length - 1))
            {
                _nodeCount = watermark;
                return false;
            }

            from = to;
        }

        if (from != _current)
        {
            _current.CopyFrom(from);
        }

        if (_nodeCount > CompactAbove)
        {
            Compact();
        }

        return true;
    }

    /// <summary>Whether <paramref name="bytes"/> can be read from configuration <paramref name="index"/> alone;
    /// the position is not changed.</summary>
    public bool Accepts(int index, ReadOnlySpan<byte> bytes)
    {
        var watermark = _nodeCount;
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

        _nodeCount = watermark;
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
            AddClosed(a.RuleStarts[a.CallRules[i]], Push(a.CallReturns[i], stack), to);
        }

        if (a.IsFinal[state])
        {
            if (stack < 0)
            {
                to.CanEnd = true;
            }
            else
            {
                AddClosed(_nodeState[stack], _nodeParent[stack], to);
            }
        }
    }

    private bool Contains(ConfigBuffer buffer, int state, int stack)
    {
        for (var i = 0; i < buffer.Count; i++)
        {
            if (buffer.States[i] == state && SameStack(buffer.Stacks[i], stack))
            {
                return true;
            }
        }

        return false;
    }

    private bool SameStack(int x, int y)
    {
        while (x != y)
        {
            if (x < 0 || y < 0 || _nodeState[x] != _nodeState[y])
            {
                return false;
            }

            x = _nodeParent[x];
            y = _nodeParent[y];
        }

        return true;
    }

    private int Push(int returnState, int parent)
    {
        if (_nodeCount == _nodeState.Length)
        {
            Array.Resize(ref _nodeState, _nodeCount * 2);
            Array.Resize(ref _nodeParent, _nodeCount * 2);
        }

        _nodeState[_nodeCount] = returnState;
        _nodeParent[_nodeCount] = parent;
        return _nodeCount++;
    }

    /// <summary>Copies the live stacks into the spare arena, keeping shared tails shared, and swaps arenas.</summary>
    private void Compact()
    {
        if (_remap.Length < _nodeCount)
        {
            _remap = new int[_nodeState.Length];
        }

        _remap.AsSpan(0, _nodeCount).Fill(-1);
        (_nodeState, _spareState) = (_spareState, _nodeState);
        (_nodeParent, _spareParent) = (_spareParent, _nodeParent);
        if (_nodeState.Length < _spareState.Length)
        {
            _nodeState = new int[_spareState.Length];
            _nodeParent = new int[_spareState.Length];
        }

        _nodeCount = 0;
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
            var parent = CopyFromSpare(_spareParent[node]);
            _remap[node] = Push(_spareState[node], parent);
        }

        return _remap[node];
    }
}
