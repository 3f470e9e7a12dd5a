using Trinity.Grammar.Automata;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Grammar.Matching;

/// <summary>
/// Per automaton state, the tokens valid from it whatever the stack holds (a bitmask when many, a sorted id list
/// when few) and the tokens that need the real stack to decide. Built once per (grammar, vocabulary), in parallel
/// over states; read-only afterwards, so any number of matchers share it without locks.
/// </summary>
internal sealed class TokenMaskTable
{
    private readonly uint[]?[] _dense;
    private readonly int[]?[] _sparse;
    private readonly int[][] _uncertain;

    public TokenMaskTable(PushdownAutomaton automaton, TokenVocabulary vocabulary)
    {
        var n = automaton.StateCount;
        _dense = new uint[]?[n];
        _sparse = new int[]?[n];
        _uncertain = new int[n][];
        var words = vocabulary.MaskWords;
        var trie = vocabulary.Trie;
        var states = Enumerable.Range(0, n).Where(s => automaton.Reachable[s] && automaton.ReadsBytes[s]).ToArray();
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, states.Length, Math.Max(1, states.Length / 64)),
            () => (Walker: new TokenWalker(automaton, trie), Accepted: new List<int>(), Uncertain: new List<int>()),
            (range, _, local) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var state = states[i];
                    local.Accepted.Clear();
                    local.Uncertain.Clear();
                    local.Walker.Walk(state, local.Accepted, local.Uncertain);
                    if (local.Accepted.Count > words)
                    {
                        var mask = new uint[words];
                        foreach (var id in local.Accepted)
                        {
                            mask[id >> 5] |= 1u << (id & 31);
                        }

                        _dense[state] = mask;
                    }
                    else
                    {
                        local.Accepted.Sort();
                        _sparse[state] = [.. local.Accepted];
                    }

                    _uncertain[state] = [.. local.Uncertain];
                }

                return local;
            },
            _ => { });
        for (var s = 0; s < n; s++)
        {
            _uncertain[s] ??= [];
        }

        StatesWithTables = states.Length;
    }

    public int StatesWithTables { get; }

    /// <summary>The state's context-free tokens as a full mask, or null when <see cref="Sparse"/> holds them.</summary>
    public uint[]? Dense(int state) => _dense[state];

    public ReadOnlySpan<int> Sparse(int state) => _sparse[state];

    public ReadOnlySpan<int> Uncertain(int state) => _uncertain[state];

    /// <summary>Bytes held by the tables, for the bench report.</summary>
    public long SizeInBytes()
    {
        long total = 0;
        for (var s = 0; s < _dense.Length; s++)
        {
            total += ((_dense[s]?.Length ?? 0) + (_sparse[s]?.Length ?? 0) + _uncertain[s].Length) * 4L;
        }

        return total;
    }
}
