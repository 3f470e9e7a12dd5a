using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Grammar.Matching;

/// <summary>
/// Compiled grammars by (vocabulary instance, schema text, options): the first request for a schema compiles it
/// and builds its tables once, concurrent requests for it wait on the same work, and later ones get it at once.
/// Thread-safe. A vocabulary's entries go when the vocabulary is collected.
/// </summary>
public sealed class GrammarCache(int capacityPerVocabulary = 256)
{
    private const string JsonObjectKey = "\0json_object";

    private readonly ConditionalWeakTable<TokenVocabulary, ConcurrentDictionary<(string Schema, GrammarOptions Options), Lazy<CompiledGrammar>>> _byVocabulary = [];

    /// <summary>The grammar for a <c>json_schema</c> response format.</summary>
    /// <exception cref="GrammarCompileException">The schema uses something the compiler cannot honour.</exception>
    public CompiledGrammar JsonSchema(string schema, TokenVocabulary vocabulary, GrammarOptions? options = null) =>
        Get(schema, vocabulary, options ?? GrammarOptions.Default, () => CompiledGrammar.FromJsonSchema(schema, vocabulary, options));

    /// <summary>The grammar for the <c>json_object</c> response format.</summary>
    public CompiledGrammar JsonObject(TokenVocabulary vocabulary, GrammarOptions? options = null) =>
        Get(JsonObjectKey, vocabulary, options ?? GrammarOptions.Default, () => CompiledGrammar.ForJsonObject(vocabulary, options));

    private CompiledGrammar Get(string key, TokenVocabulary vocabulary, GrammarOptions options, Func<CompiledGrammar> build)
    {
        var entries = _byVocabulary.GetValue(vocabulary, _ => new());
        var lazy = entries.GetOrAdd((key, options), _ => new Lazy<CompiledGrammar>(build, LazyThreadSafetyMode.ExecutionAndPublication));
        if (entries.Count > capacityPerVocabulary)
        {
            // Crude bound on memory: drop some other entry; a dropped grammar is rebuilt on its next use.
            foreach (var other in entries.Keys)
            {
                if (other != (key, options) && entries.TryRemove(other, out _))
                {
                    break;
                }
            }
        }

        return lazy.Value;
    }
}
