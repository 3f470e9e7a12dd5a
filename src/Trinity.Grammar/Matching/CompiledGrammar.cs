using System.Diagnostics;
using Trinity.Grammar.Automata;
using Trinity.Grammar.Schema;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Grammar.Matching;

/// <summary>
/// A grammar compiled for one vocabulary: the byte-level automaton plus its per-state token tables. Immutable and
/// thread-safe; get one from <see cref="GrammarCache"/> and create a <see cref="GrammarMatcher"/> per sequence.
/// </summary>
public sealed class CompiledGrammar
{
    internal CompiledGrammar(PushdownAutomaton automaton, TokenVocabulary vocabulary, TimeSpan compileTime)
    {
        Automaton = automaton;
        Vocabulary = vocabulary;
        CompileTime = compileTime;
        var clock = Stopwatch.StartNew();
        Table = new TokenMaskTable(automaton, vocabulary);
        TableBuildTime = clock.Elapsed;
    }

    public TokenVocabulary Vocabulary { get; }

    /// <summary>Time to turn the schema into the byte-level automaton.</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>Time to build the per-state token tables over the vocabulary.</summary>
    public TimeSpan TableBuildTime { get; }

    /// <summary>Automaton states (all rules).</summary>
    public int StateCount => Automaton.StateCount;

    /// <summary>Memory held by the token tables.</summary>
    public long TableBytes => Table.SizeInBytes();

    internal PushdownAutomaton Automaton { get; }

    internal TokenMaskTable Table { get; }

    /// <summary>Compiles <paramref name="schema"/> (JSON Schema text) without caching.</summary>
    /// <exception cref="GrammarCompileException">The schema uses something the compiler cannot honour.</exception>
    public static CompiledGrammar FromJsonSchema(string schema, TokenVocabulary vocabulary, GrammarOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        var automaton = JsonSchemaCompiler.Compile(schema, options ?? GrammarOptions.Default);
        return new CompiledGrammar(automaton, vocabulary, clock.Elapsed);
    }

    /// <summary>The <c>json_object</c> response format (any JSON object), without caching.</summary>
    public static CompiledGrammar ForJsonObject(TokenVocabulary vocabulary, GrammarOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        var automaton = JsonSchemaCompiler.CompileJsonObject(options ?? GrammarOptions.Default);
        return new CompiledGrammar(automaton, vocabulary, clock.Elapsed);
    }

    /// <summary>A fresh matcher at the start of the grammar, for one sequence.</summary>
    public GrammarMatcher CreateMatcher() => new(this);
}
