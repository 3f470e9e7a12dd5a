using Trinity.Grammar.Automata;
using Trinity.Grammar.Patterns;

namespace Trinity.Grammar.Schema;

/// <summary>The lexical pieces of JSON as NFA fragments: whitespace under the policy, string characters (well-formed
/// UTF-8 or escapes, never a lone surrogate), literals, and character classes written the way JSON must write them.</summary>
internal sealed class JsonFragments(NfaBuilder nfa, GrammarOptions options)
{
    private static readonly (byte, byte)[] WhitespaceBytes = [((byte)' ', (byte)' '), ((byte)'\t', (byte)'\n'), ((byte)'\r', (byte)'\r')];

    public NfaBuilder Nfa => nfa;

    public GrammarOptions Options => options;

    /// <summary>A gap between JSON tokens: up to <see cref="GrammarOptions.MaxWhitespace"/> whitespace bytes.</summary>
    public Fragment Ws() => options.MaxWhitespace == 0 ? nfa.Empty() : nfa.Repeat(() => nfa.Ranges(WhitespaceBytes), 0, options.MaxWhitespace);

    public Fragment Literal(string text) => nfa.Literal(text);

    /// <summary>One character of a JSON string, in any form JSON allows.</summary>
    public Fragment StringChar()
    {
        var parts = new List<Fragment>();
        AddRaw(CodePointSet.Of((0x20, CodePointSet.MaxCodePoint)), parts);
        parts.Add(nfa.Sequence(nfa.Range((byte)'\\', (byte)'\\'), nfa.Ranges([((byte)'"', (byte)'"'), ((byte)'\\', (byte)'\\'), ((byte)'/', (byte)'/'), ((byte)'b', (byte)'b'), ((byte)'f', (byte)'f'), ((byte)'n', (byte)'n'), ((byte)'r', (byte)'r'), ((byte)'t', (byte)'t')])));

        // \uXXXX outside the surrogate block: a lone surrogate would not decode, and a pair would count as two.
        var hex = new (byte, byte)[] { ((byte)'0', (byte)'9'), ((byte)'a', (byte)'f'), ((byte)'A', (byte)'F') };
        var hexNotD = new (byte, byte)[] { ((byte)'0', (byte)'9'), ((byte)'a', (byte)'c'), ((byte)'e', (byte)'f'), ((byte)'A', (byte)'C'), ((byte)'E', (byte)'F') };
        var first = nfa.Choice(
            nfa.Sequence(nfa.Ranges(hexNotD), nfa.Ranges(hex)),
            nfa.Sequence(nfa.Ranges([((byte)'d', (byte)'d'), ((byte)'D', (byte)'D')]), nfa.Range((byte)'0', (byte)'7')));
        parts.Add(nfa.Sequence(nfa.Literal("\\u"), first, nfa.Ranges(hex), nfa.Ranges(hex)));
        return nfa.Choice([.. parts]);
    }

    /// <summary>A whole JSON string of <paramref name="min"/> to <paramref name="max"/> characters.</summary>
    public Fragment String(int min = 0, int? max = null) =>
        nfa.Sequence(nfa.Literal("\""), nfa.Repeat(StringChar, min, max), nfa.Literal("\""));

    /// <summary>One character from <paramref name="set"/>, raw where JSON allows it and escaped where it must be.
    /// Control characters other than the short escapes are left out: a pattern almost never means them.</summary>
    public Fragment Chars(CodePointSet set)
    {
        var parts = new List<Fragment>();
        AddRaw(set, parts);
        foreach (var (c, escape) in (ReadOnlySpan<(int, string)>)[('"', "\\\""), ('\\', "\\\\"), ('\b', "\\b"), ('\t', "\\t"), ('\n', "\\n"), ('\f', "\\f"), ('\r', "\\r")])
        {
            if (set.Contains(c))
            {
                parts.Add(nfa.Literal(escape));
            }
        }

        return parts.Count == 0 ? nfa.Nothing() : nfa.Choice([.. parts]);
    }

    /// <summary>The members of <paramref name="set"/> that JSON writes unescaped, as UTF-8.</summary>
    private void AddRaw(CodePointSet set, List<Fragment> parts)
    {
        var sequences = new List<(byte Lo, byte Hi)[]>();
        foreach (var (lo, hi) in (ReadOnlySpan<(int, int)>)[(0x20, 0x21), (0x23, 0x5B), (0x5D, CodePointSet.MaxCodePoint)])
        {
            foreach (var (a, b) in set.Intersect(lo, hi).Ranges)
            {
                Utf8Ranges.Split(a, b, sequences);
            }
        }

        foreach (var sequence in sequences)
        {
            var bytes = new Fragment[sequence.Length];
            for (var i = 0; i < sequence.Length; i++)
            {
                bytes[i] = nfa.Range(sequence[i].Lo, sequence[i].Hi);
            }

            parts.Add(nfa.Sequence(bytes));
        }
    }
}
