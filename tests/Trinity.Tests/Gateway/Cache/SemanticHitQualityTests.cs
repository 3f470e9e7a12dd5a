using System.Globalization;
using Trinity.Gateway.Cache;
using Trinity.VectorGpu.Embeddings;
using Xunit.Abstractions;

namespace Trinity.Tests.Gateway.Cache;

/// <summary>
/// Hit quality of the semantic tier as configured by default (the built-in hashed embedder, the default threshold,
/// the guard) on a labelled set of prompt pairs: paraphrases that should share an answer and near-duplicates of
/// different meaning that must not. The numbers behind the choices in docs/ANSWER_CACHE.md come from here.
/// </summary>
public sealed class SemanticHitQualityTests(ITestOutputHelper output)
{
    private static readonly string[][] SameMeaning =
    [
        ["How do I reset my password?", "how can I reset my password"],
        ["What is the capital of France?", "what's the capital of France"],
        ["How do I reset my password?", "How do I reset my password, please?"],
        ["Can you explain recursion?", "Could you explain recursion?"],
        ["How do I export a table to CSV?", "how can i export a table to CSV"],
        ["What is a good way to learn Python?", "What's a good way to learn Python?"],
        ["How do I reset my password", "How do I reset the password"],
        ["Explain how a hash map works", "Can you explain how a hash map works?"],
        ["How do I undo the last git commit?", "How can I undo the last git commit?"],
        ["Give me a recipe for banana bread", "Give me a recipe for banana bread please"],
        ["Why is the sky blue?", "why is the sky blue"],
        ["Translate good morning into French", "Please translate good morning into French"],
        ["Write a haiku about the sea", "Write me a haiku about the sea"],
        ["What are the benefits of unit testing?", "What are the benefits of unit tests?"],
        ["Tell me a joke about cats", "Tell me a joke about cats!"],
    ];

    private static readonly string[][] DifferentMeaning =
    [
        ["How do I turn on dark mode?", "How do I turn off dark mode?"],
        ["Is it safe to eat raw eggs?", "Is it not safe to eat raw eggs?"],
        ["What is 2 plus 3?", "What is 2 plus 4?"],
        ["Who is Alice's manager?", "Who is Bob's manager?"],
        ["What is the capital of France?", "What is the capital of Spain?"],
        ["Explain quicksort in Python", "Explain quicksort in Java"],
        ["How do I enable notifications?", "How do I disable notifications?"],
        ["How do I add a user?", "How do I remove a user?"],
        ["Convert 100 usd to eur", "Convert 100 eur to usd"],
        ["How do I reset my password?", "How do I change my username?"],
        ["Give me three ideas for a party", "Give me five ideas for a party"],
        ["How do I reset my password?", "Why do I reset my password?"],
        ["Can I use the app with an account?", "Can I use the app without an account?"],
        ["How do I increase the font size?", "How do I decrease the font size?"],
        ["Is the water safe to drink?", "Is the water unsafe to drink?"],
        ["What is the best laptop?", "What is the worst laptop?"],
        ["How do I bake bread?", "How do I bake a cake?"],
        ["Summarize the first chapter", "Summarize the last chapter"],
        ["How do I log in?", "How do I log out?"],
        ["How do I reset my password?", "How do I reset my email password?"],
        ["What is the population of the city?", "What is the area of the city?"],
        ["How do I cook rice?", "How do I cook pasta?"],
        ["How do I sort a list in place?", "How do I sort a dictionary in place?"],
        ["Write a poem about love", "Write a song about love"],
        ["How do I uninstall the app?", "How do I update the app?"],
        ["How long should I boil an egg?", "How long should I boil a potato?"],
        ["What is the boiling point of water?", "What is the freezing point of water?"],
        ["Recommend a book about history", "Recommend a movie about history"],
        ["How do I merge two branches in git?", "How do I delete two branches in git?"],
        ["What is the time complexity of quicksort?", "What is the space complexity of quicksort?"],
        ["Tell me about Paris\nParis is the capital of France.\nWhat about its population?", "Tell me about Rome\nRome is the capital of Italy.\nWhat about its population?"],
    ];

    private readonly HashedNgramEmbedder _embedder = new();
    private readonly PromptGuard _guard = new(new AnswerCacheOptions().MaxWordDifference);
    private readonly double _threshold = new AnswerCacheOptions().Threshold;

    [Fact]
    public void DefaultSettings_LabelledPairs_EveryParaphraseHitsAndNoOtherMeaningDoes()
    {
        var paraphraseHits = SameMeaning.Count(p => Hits(p[0], p[1], guard: true));
        var wrongHits = DifferentMeaning.Where(p => Hits(p[0], p[1], guard: true)).ToList();
        var wrongWithoutGuard = DifferentMeaning.Count(p => Hits(p[0], p[1], guard: false));
        Report();
        output.WriteLine($"threshold {_threshold}: paraphrases hit {paraphraseHits}/{SameMeaning.Length}; other meanings hit {wrongHits.Count}/{DifferentMeaning.Length} with the guard, {wrongWithoutGuard} without");

        Assert.Empty(wrongHits);
        Assert.True(paraphraseHits >= 12, $"only {paraphraseHits} of {SameMeaning.Length} paraphrases hit");

        // Threshold tuning alone cannot separate them (REFERENCE.md): without the guard some wrong pairs score over it.
        Assert.True(wrongWithoutGuard > 0);
    }

    [Fact]
    public void LastMessageOnly_FollowUpAfterDifferentTurns_WouldHit()
    {
        // Why the semantic tier embeds and guards the whole conversation rather than the last user message.
        var pair = DifferentMeaning[^1];
        var lastA = pair[0].Split('\n')[^1];
        var lastB = pair[1].Split('\n')[^1];
        Assert.True(Hits(lastA, lastB, guard: true));
        Assert.False(Hits(pair[0], pair[1], guard: true));
    }

    private bool Hits(string cached, string asked, bool guard, double? threshold = null) =>
        Cosine(cached, asked) >= (threshold ?? _threshold) && (!guard || _guard.Check(cached, asked).Accepted);

    private double Cosine(string a, string b)
    {
        var x = new float[_embedder.Dimension];
        var y = new float[_embedder.Dimension];
        _embedder.Embed(a, x);
        _embedder.Embed(b, y);
        return System.Numerics.Tensors.TensorPrimitives.Dot<float>(x, y);
    }

    private void Report()
    {
        foreach (var (label, pairs) in new[] { ("same", SameMeaning), ("different", DifferentMeaning) })
        {
            foreach (var pair in pairs)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-9} {Cosine(pair[0], pair[1]):0.000} {_guard.Check(pair[0], pair[1]),-24} {pair[0].Replace('\n', '|')} ~ {pair[1].Replace('\n', '|')}"));
            }
        }

        foreach (var threshold in new[] { 0.65, 0.7, 0.75, 0.8, 0.85, 0.9 })
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"threshold {threshold:0.00}: paraphrases {SameMeaning.Count(p => Hits(p[0], p[1], true, threshold))}/{SameMeaning.Length}, other meanings {DifferentMeaning.Count(p => Hits(p[0], p[1], true, threshold))}/{DifferentMeaning.Length} (without the guard {SameMeaning.Count(p => Hits(p[0], p[1], false, threshold))} and {DifferentMeaning.Count(p => Hits(p[0], p[1], false, threshold))})"));
        }
    }
}
