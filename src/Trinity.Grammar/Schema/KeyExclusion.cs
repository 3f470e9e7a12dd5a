using System.Text;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>
/// The key of an extra object member: a JSON string that is none of the declared property names, so an extra
/// member never repeats a declared one. Keys are limited to printable ASCII without escapes, which keeps the
/// "not one of these" automaton a plain walk of the names' trie.
/// </summary>
internal static class KeyExclusion
{
    private const byte First = 0x20;
    private const byte Last = 0x7E;

    public static Fragment Build(NfaBuilder nfa, IReadOnlyList<string> declared)
    {
        var open = nfa.Literal("\"");
        var close = nfa.Literal("\"");
        var free = nfa.NewState();
        AddPrintable(nfa, free, free, exclude: null);
        nfa.Connect(free, close.Start);

        // Trie of the declared names that could be spelled this way; nodes are NFA states.
        var children = new Dictionary<(int Node, byte Byte), int>();
        var ends = new HashSet<int>();
        foreach (var name in declared)
        {
            var node = open.End;
            var bytes = Encoding.UTF8.GetBytes(name);
            if (bytes.Any(b => b is < First or > Last or (byte)'"' or (byte)'\\'))
            {
                continue;
            }

            foreach (var b in bytes)
            {
                if (!children.TryGetValue((node, b), out var child))
                {
                    child = nfa.NewState();
                    children[(node, b)] = child;
                }

                node = child;
            }

            ends.Add(node);
        }

        var nodes = new HashSet<int> { open.End };
        nodes.UnionWith(children.Values);
        foreach (var node in nodes)
        {
            var taken = children.Keys.Where(k => k.Node == node).Select(k => k.Byte).ToHashSet();
            foreach (var b in taken)
            {
                var edge = nfa.Range(b, b);
                nfa.Connect(node, edge.Start);
                nfa.Connect(edge.End, children[(node, b)]);
            }

            AddPrintable(nfa, node, free, taken);
            if (!ends.Contains(node))
            {
                nfa.Connect(node, close.Start);
            }
        }

        return new Fragment(open.Start, close.End);
    }

    /// <summary>Edges from <paramref name="from"/> to <paramref name="to"/> on every key byte not in <paramref name="exclude"/>.</summary>
    private static void AddPrintable(NfaBuilder nfa, int from, int to, HashSet<byte>? exclude)
    {
        var ranges = new List<(byte, byte)>();
        for (int b = First; b <= Last; b++)
        {
            if (b is '"' or '\\' || (exclude?.Contains((byte)b) ?? false))
            {
                continue;
            }

            if (ranges.Count > 0 && ranges[^1].Item2 == b - 1)
            {
                ranges[^1] = (ranges[^1].Item1, (byte)b);
            }
            else
            {
                ranges.Add(((byte)b, (byte)b));
            }
        }

        var edge = nfa.Ranges([.. ranges]);
        nfa.Connect(from, edge.Start);
        nfa.Connect(edge.End, to);
    }
}
