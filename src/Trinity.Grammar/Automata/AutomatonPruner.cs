namespace Trinity.Grammar.Automata;

/// <summary>
/// Removes every way into a state from which the rule can no longer end, so that a matcher never walks into a dead
/// end (the property a <c>max_tokens</c> cut relies on: some token is always allowed until the grammar ends).
/// </summary>
internal static class AutomatonPruner
{
    public static PushdownAutomaton Prune(
        byte[] byteClass, int classCount, int[] next, bool[] isFinal, int[] callOffsets, int[] callRules, int[] callReturns, int[] ruleStarts, int[] ruleOf)
    {
        var n = isFinal.Length;
        var productive = (bool[])isFinal.Clone();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var s = 0; s < n; s++)
            {
                if (productive[s])
                {
                    continue;
                }

                var yes = false;
                for (var c = 0; c < classCount && !yes; c++)
                {
                    var t = next[(s * classCount) + c];
                    yes = t >= 0 && productive[t];
                }

                for (var i = callOffsets[s]; i < callOffsets[s + 1] && !yes; i++)
                {
                    yes = productive[ruleStarts[callRules[i]]] && productive[callReturns[i]];
                }

                if (yes)
                {
                    productive[s] = changed = true;
                }
            }
        }

        if (!productive[ruleStarts[0]])
        {
            throw new GrammarCompileException("", "", "the schema admits no value");
        }

        for (var i = 0; i < next.Length; i++)
        {
            if (next[i] >= 0 && !productive[next[i]])
            {
                next[i] = -1;
            }
        }

        var offsets = new int[n + 1];
        var rules = new List<int>();
        var returns = new List<int>();
        for (var s = 0; s < n; s++)
        {
            for (var i = callOffsets[s]; i < callOffsets[s + 1]; i++)
            {
                if (productive[s] && productive[ruleStarts[callRules[i]]] && productive[callReturns[i]])
                {
                    rules.Add(callRules[i]);
                    returns.Add(callReturns[i]);
                }
            }

            offsets[s + 1] = rules.Count;
        }

        RejectLeftRecursion(ruleStarts, offsets, rules);
        var reachable = Reachable(n, classCount, next, offsets, rules, returns, ruleStarts);
        var (returnOffsets, returnSites) = ReturnSites(n, ruleStarts.Length, reachable, offsets, rules, returns);
        var readsBytes = new bool[n];
        for (var s = 0; s < n; s++)
        {
            readsBytes[s] = next.AsSpan(s * classCount, classCount).ContainsAnyExcept(-1);
        }

        return new PushdownAutomaton
        {
            ByteClass = byteClass,
            ClassCount = classCount,
            Next = next,
            IsFinal = isFinal,
            ReadsBytes = readsBytes,
            CallOffsets = offsets,
            CallRules = [.. rules],
            CallReturns = [.. returns],
            RuleStarts = ruleStarts,
            RuleOf = ruleOf,
            ReturnOffsets = returnOffsets,
            ReturnSites = returnSites,
            Reachable = reachable,
        };
    }

    /// <summary>A rule that calls itself before reading a byte would make the stack grow forever.</summary>
    private static void RejectLeftRecursion(int[] ruleStarts, int[] offsets, List<int> rules)
    {
        var state = new byte[ruleStarts.Length]; // 0 unseen, 1 on the path, 2 done
        void Visit(int rule)
        {
            state[rule] = 1;
            var start = ruleStarts[rule];
            for (var i = offsets[start]; i < offsets[start + 1]; i++)
            {
                var callee = rules[i];
                if (state[callee] == 1)
                {
                    throw new GrammarCompileException("$ref", "", "a reference cycle reads no input before recursing");
                }

                if (state[callee] == 0)
                {
                    Visit(callee);
                }
            }

            state[rule] = 2;
        }

        for (var r = 0; r < ruleStarts.Length; r++)
        {
            if (state[r] == 0)
            {
                Visit(r);
            }
        }
    }

    private static bool[] Reachable(int n, int classCount, int[] next, int[] offsets, List<int> rules, List<int> returns, int[] ruleStarts)
    {
        var reachable = new bool[n];
        var work = new Stack<int>();
        void Mark(int s)
        {
            if (s >= 0 && !reachable[s])
            {
                reachable[s] = true;
                work.Push(s);
            }
        }

        Mark(ruleStarts[0]);
        while (work.Count > 0)
        {
            var s = work.Pop();
            for (var c = 0; c < classCount; c++)
            {
                Mark(next[(s * classCount) + c]);
            }

            for (var i = offsets[s]; i < offsets[s + 1]; i++)
            {
                Mark(ruleStarts[rules[i]]);
                Mark(returns[i]);
            }
        }

        return reachable;
    }

    private static (int[] Offsets, int[] Sites) ReturnSites(int n, int ruleCount, bool[] reachable, int[] offsets, List<int> rules, List<int> returns)
    {
        var perRule = new SortedSet<int>[ruleCount];
        for (var r = 0; r < ruleCount; r++)
        {
            perRule[r] = [];
        }

        for (var s = 0; s < n; s++)
        {
            for (var i = offsets[s]; reachable[s] && i < offsets[s + 1]; i++)
            {
                perRule[rules[i]].Add(returns[i]);
            }
        }

        var result = new int[ruleCount + 1];
        var sites = new List<int>();
        for (var r = 0; r < ruleCount; r++)
        {
            sites.AddRange(perRule[r]);
            result[r + 1] = sites.Count;
        }

        return (result, [.. sites]);
    }
}
