namespace Trinity.Grammar.Automata;

/// <summary>
/// Subset construction per rule over byte classes. Call edges are not determinized: a DFA state keeps the set of
/// (rule, return state) calls of its NFA states, so a rule stays a DFA over bytes while recursion stays a stack.
/// </summary>
internal static class Determinizer
{
    /// <summary>Large enough for deeply nested real schemas; a schema past it is refused rather than compiled for minutes.</summary>
    public const int MaxDfaStates = 200_000;

    public static PushdownAutomaton Build(NfaBuilder nfa)
    {
        var n = nfa.StateCount;
        var byteEdges = Csr(n, nfa.ByteEdges, e => e.From);
        var epsilons = Csr(n, nfa.Epsilons, e => e.From);
        var calls = Csr(n, nfa.Calls, e => e.From);
        var (byteClass, classCount) = ByteClasses(nfa.ByteEdges);

        var isEnd = new bool[n];
        for (var r = 0; r < nfa.RuleCount; r++)
        {
            var body = nfa.Rule(r) ?? throw new InvalidOperationException($"rule {r} was declared but never defined");
            isEnd[body.End] = true;
        }

        var ids = new Dictionary<int[], int>(StateSetComparer.Instance);
        var sets = new List<int[]>();
        var ruleOf = new List<int>();
        var important = (bool[])isEnd.Clone();
        foreach (var edge in nfa.ByteEdges)
        {
            important[edge.From] = true;
        }

        foreach (var call in nfa.Calls)
        {
            important[call.From] = true;
        }

        var closure = new EpsilonClosure(n, epsilons, nfa.Epsilons, important);

        int Intern(int[] set, int rule)
        {
            if (ids.TryGetValue(set, out var id))
            {
                return id;
            }

            if (sets.Count >= MaxDfaStates)
            {
                throw new GrammarCompileException("", "", $"the schema needs more than {MaxDfaStates} automaton states");
            }

            ids[set] = sets.Count;
            sets.Add(set);
            ruleOf.Add(rule);
            return sets.Count - 1;
        }

        var ruleStarts = new int[nfa.RuleCount];
        for (var r = 0; r < nfa.RuleCount; r++)
        {
            ruleStarts[r] = Intern(closure.Of([nfa.Rule(r)!.Value.Start]), r);
        }

        var next = new List<int>();
        var isFinal = new List<bool>();
        var callOffsets = new List<int> { 0 };
        var callRules = new List<int>();
        var callReturns = new List<int>();
        var buckets = new List<int>[classCount];
        for (var c = 0; c < classCount; c++)
        {
            buckets[c] = [];
        }

        for (var d = 0; d < sets.Count; d++)
        {
            var set = sets[d];
            var rule = ruleOf[d];
            var final = false;
            var seenCalls = new HashSet<(int, int)>();
            foreach (var s in set)
            {
                final |= isEnd[s];
                for (var i = byteEdges.Offsets[s]; i < byteEdges.Offsets[s + 1]; i++)
                {
                    var (_, lo, hi, to) = nfa.ByteEdges[byteEdges.Items[i]];
                    for (int c = byteClass[lo], last = byteClass[hi]; c <= last; c++)
                    {
                        buckets[c].Add(to);
                    }
                }

                for (var i = calls.Offsets[s]; i < calls.Offsets[s + 1]; i++)
                {
                    var (_, callee, ret) = nfa.Calls[calls.Items[i]];
                    var returnState = Intern(closure.Of([ret]), rule);
                    if (seenCalls.Add((callee, returnState)))
                    {
                        callRules.Add(callee);
                        callReturns.Add(returnState);
                    }
                }
            }

            isFinal.Add(final);
            callOffsets.Add(callRules.Count);
            for (var c = 0; c < classCount; c++)
            {
                next.Add(buckets[c].Count == 0 ? -1 : Intern(closure.Of(buckets[c]), rule));
                buckets[c].Clear();
            }
        }

        return AutomatonPruner.Prune(byteClass, classCount, [.. next], [.. isFinal], [.. callOffsets], [.. callRules], [.. callReturns], ruleStarts, [.. ruleOf]);
    }

    /// <summary>Bytes that no edge tells apart share a class; real schemas need a few dozen classes, not 256.</summary>
    private static (byte[] Classes, int Count) ByteClasses(IReadOnlyList<(int From, byte Lo, byte Hi, int To)> edges)
    {
        var boundary = new bool[257];
        foreach (var (_, lo, hi, _) in edges)
        {
            boundary[lo] = true;
            boundary[hi + 1] = true;
        }

        var classes = new byte[256];
        var current = -1;
        for (var b = 0; b < 256; b++)
        {
            if (b == 0 || boundary[b])
            {
                current++;
            }

            classes[b] = (byte)current;
        }

        return (classes, current + 1);
    }

    internal static (int[] Offsets, int[] Items) Csr<T>(int n, IReadOnlyList<T> edges, Func<T, int> from)
    {
        var offsets = new int[n + 1];
        foreach (var edge in edges)
        {
            offsets[from(edge) + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var fill = offsets[..n];
        var items = new int[edges.Count];
        for (var i = 0; i < edges.Count; i++)
        {
            items[fill[from(edges[i])]++] = i;
        }

        return (offsets, items);
    }
}
