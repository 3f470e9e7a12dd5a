using Trinity.Grammar.Automata;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Grammar.Matching;

/// <summary>
/// Sorts a vocabulary's tokens for one automaton state into accepted (valid whatever lies below on the stack),
/// uncertain (valid only in some contexts: the token runs past the end of the state's rule) and rejected, by
/// walking the sorted tokens as a trie: shared prefixes are stepped once, and a rejected prefix skips the tokens
/// under it. Past a rule's end the walk follows every return site of the rule (an over-approximation of the real
/// stack), so a token rejected here is rejected in every context, and only the uncertain ones need the real stack.
/// </summary>
internal sealed class TokenWalker
{
    private readonly PushdownAutomaton _automaton;
    private readonly TokenTrie _trie;
    private readonly int[] _depthStart;
    private readonly int[] _nodeEnd;
    private readonly int[] _exitStamp;
    private readonly bool[] _plain;
    private int[] _states;
    private int[] _stacks;
    private bool[] _exited;
    private readonly StackArena _nodes = new();
    private int _count;
    private int _levelStart;
    private int _generation;

    public TokenWalker(PushdownAutomaton automaton, TokenTrie trie)
    {
        _automaton = automaton;
        _trie = trie;
        _depthStart = new int[trie.MaxLength + 2];
        _nodeEnd = new int[trie.MaxLength + 2];
        _exitStamp = new int[automaton.StateCount];
        _plain = new bool[automaton.StateCount];
        for (var s = 0; s < automaton.StateCount; s++)
        {
            _plain[s] = !automaton.IsFinal[s] && automaton.CallOffsets[s] == automaton.CallOffsets[s + 1];
        }

        var size = Math.Max(64, trie.MaxLength + 2);
        _states = new int[size];
        _stacks = new int[size];
        _exited = new bool[size];
    }

    public void Walk(int state, List<int> accepted, List<int> uncertain)
    {
        var flat = !_automaton.HasCalls;
        _count = 1;
        _states[0] = state;
        _stacks[0] = -1;
        _exited[0] = false;
        _depthStart[0] = 0;
        _depthStart[1] = 1;
        _nodeEnd[0] = 0;
        var valid = 0;
        var n = _trie.Count;
        for (var i = 0; i < n;)
        {
            var token = _trie.Token(i);
            var depth = Math.Min(valid, _trie.SharedPrefix[i]);
            var alive = true;
            for (; depth < token.Length; depth++)
            {
                alive = flat ? StepFlat(depth, token[depth]) : Step(depth, token[depth]);
                if (!alive)
                {
                    break;
                }
            }

            if (!alive)
            {
                // Every following token that shares the rejected prefix is rejected too.
                valid = depth;
                i = _trie.SubtreeEnd[_trie.Offsets[i] + depth];
                continue;
            }

            valid = token.Length;
            var certain = false;
            for (var c = _depthStart[depth]; c < _depthStart[depth + 1] && !certain; c++)
            {
                certain = !_exited[c];
            }

            (certain ? accepted : uncertain).Add(_trie.Ids[i]);
            i++;
        }
    }

    private bool StepFlat(int depth, byte b)
    {
        var t = _automaton.Step(_states[depth], b);
        if (t < 0)
        {
            return false;
        }

        _states[depth + 1] = t;
        _exited[depth + 1] = false;
        _depthStart[depth + 2] = depth + 2;
        return true;
    }

    /// <summary>Computes the configurations at <paramref name="depth"/> + 1 from those at <paramref name="depth"/>.</summary>
    private bool Step(int depth, byte b)
    {
        var first = _depthStart[depth];
        if (_depthStart[depth + 1] - first == 1 && _plain[_states[first]])
        {
            // The common case inside a rule: one configuration, a state with neither calls nor an end.
            var t = _automaton.Step(_states[first], b);
            if (t < 0)
            {
                return false;
            }

            _states[first + 1] = t;
            _stacks[first + 1] = _stacks[first];
            _exited[first + 1] = _exited[first];
            _depthStart[depth + 2] = first + 2;
            _nodeEnd[depth + 1] = _nodeEnd[depth];
            return true;
        }

        _count = _levelStart = _depthStart[depth + 1];
        _nodes.Count = _nodeEnd[depth];
        _generation++;
        for (var c = _depthStart[depth]; c < _depthStart[depth + 1]; c++)
        {
            if (depth == 0)
            {
                // The first byte comes from the state's own edges: its calls and pops are configurations of their own.
                Add(_automaton.Step(_states[c], b), _stacks[c], _exited[c]);
            }
            else
            {
                ClosedStep(_states[c], _stacks[c], _exited[c], b);
            }
        }

        _depthStart[depth + 2] = _count;
        _nodeEnd[depth + 1] = _nodes.Count;
        return _count > _depthStart[depth + 1];
    }

    private void ClosedStep(int state, int stack, bool exited, byte b)
    {
        var a = _automaton;
        if (a.ReadsBytes[state])
        {
            Add(a.Step(state, b), stack, exited);
        }

        for (var i = a.CallOffsets[state]; i < a.CallOffsets[state + 1]; i++)
        {
            ClosedStep(a.RuleStarts[a.CallRules[i]], _nodes.Push(a.CallReturns[i], stack), exited, b);
        }

        if (!a.IsFinal[state])
        {
            return;
        }

        if (stack >= 0)
        {
            ClosedStep(_nodes.StateOf(stack), _nodes.ParentOf(stack), exited, b);
            return;
        }

        var rule = a.RuleOf[state];
        for (var i = a.ReturnOffsets[rule]; i < a.ReturnOffsets[rule + 1]; i++)
        {
            var site = a.ReturnSites[i];
            if (_exitStamp[site] != _generation)
            {
                _exitStamp[site] = _generation;
                ClosedStep(site, -1, true, b);
            }
        }
    }

    private void Add(int state, int stack, bool exited)
    {
        if (state < 0)
        {
            return;
        }

        for (var c = _levelStart; c < _count; c++)
        {
            if (_states[c] == state && _nodes.Same(_stacks[c], stack))
            {
                // A context-free way in beats a context-dependent one to the same place.
                _exited[c] &= exited;
                return;
            }
        }

        if (_count == _states.Length)
        {
            Array.Resize(ref _states, _count * 2);
            Array.Resize(ref _stacks, _count * 2);
            Array.Resize(ref _exited, _count * 2);
        }

        _states[_count] = state;
        _stacks[_count] = stack;
        _exited[_count] = exited;
        _count++;
    }
}
