using System.Text;
using Trinity.Grammar;
using Trinity.Grammar.Automata;
using Trinity.Grammar.Schema;

namespace Trinity.Tests.Grammar;

/// <summary>Byte-level accept API over a compiled schema, with no vocabulary: the compiler's language checked alone.</summary>
internal static class ByteGrammar
{
    public static PushdownAutomaton Compile(string schema, GrammarOptions? options = null) =>
        JsonSchemaCompiler.Compile(schema, options ?? GrammarOptions.Default);

    /// <summary>Whether <paramref name="text"/> is a complete sentence of the grammar.</summary>
    public static bool Accepts(PushdownAutomaton automaton, string text)
    {
        var stacks = new StackSet(automaton);
        var bytes = Encoding.UTF8.GetBytes(text);
        return (bytes.Length == 0 || stacks.TryAdvance(bytes)) && stacks.CanEnd;
    }

    public static bool Accepts(string schema, string text, GrammarOptions? options = null) => Accepts(Compile(schema, options), text);
}
