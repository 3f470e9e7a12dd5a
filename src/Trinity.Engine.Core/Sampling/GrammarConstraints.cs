using Trinity.Contracts;
using Trinity.Engine.Model;
using Trinity.Grammar;
using Trinity.Grammar.Matching;
using Trinity.Grammar.Vocabulary;
using Trinity.Tokenization;

namespace Trinity.Engine.Sampling;

/// <summary>
/// A model's grammar-constrained decoding: its vocabulary as the grammar sees it (built once, on the first constrained
/// request, from the tokenizer's per-token bytes — byte-level and SentencePiece alike — with the model config's EOS
/// ids) and its cache of compiled grammars, so a schema is compiled once per model however many requests use it.
/// Thread-safe.
/// </summary>
internal sealed class GrammarConstraints
{
    private readonly Lazy<TokenVocabulary> _vocabulary;
    private readonly GrammarCache _cache = new();

    public GrammarConstraints(ITokenizer tokenizer, ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(config);
        _vocabulary = new Lazy<TokenVocabulary>(() => BuildVocabulary(tokenizer, config.VocabSize, config.EosTokenIds), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The model's vocabulary for grammars (its mask is <see cref="TokenVocabulary.MaskWords"/> words).</summary>
    public TokenVocabulary Vocabulary => _vocabulary.Value;

    /// <summary>A fresh matcher for <paramref name="constraint"/>, or null for free generation.</summary>
    /// <exception cref="ArgumentException">The schema uses something the compiler cannot honour (the message names it).</exception>
    public GrammarMatcher? CreateMatcher(TokenConstraint? constraint)
    {
        if (constraint is null)
        {
            return null;
        }

        try
        {
            var grammar = constraint.Kind switch
            {
                ConstraintKind.JsonObject => _cache.JsonObject(Vocabulary),
                ConstraintKind.JsonSchema => _cache.JsonSchema(constraint.Schema ?? string.Empty, Vocabulary),
                _ => throw new ArgumentException($"unknown constraint kind {constraint.Kind}"),
            };
            return grammar.CreateMatcher();
        }
        catch (GrammarCompileException exception)
        {
            throw new ArgumentException($"the schema cannot be enforced: {exception.Message}", exception);
        }
    }

    /// <summary>Token bytes from the tokenizer (what each id adds to the text); special tokens and ids the tokenizer does
    /// not know (padding rows of the embedding) are never allowed by a grammar, except EOS where the grammar may end.</summary>
    public static TokenVocabulary BuildVocabulary(ITokenizer tokenizer, int vocabSize, IReadOnlyList<int> eosTokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(eosTokenIds);
        var eos = eosTokenIds.Where(id => (uint)id < (uint)vocabSize).ToArray();
        var tokens = new byte[]?[vocabSize];
        for (var id = 0; id < vocabSize; id++)
        {
            tokens[id] = id < tokenizer.VocabSize && !tokenizer.IsSpecial(id) && Array.IndexOf(eos, id) < 0 ? tokenizer.TokenBytes(id).ToArray() : null;
        }

        return TokenVocabulary.FromBytes(tokens, eos);
    }
}
