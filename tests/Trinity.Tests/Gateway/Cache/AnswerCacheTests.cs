using Trinity.Gateway.Cache;
using Trinity.Tokenization;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.Gateway.Cache;

public sealed class AnswerCacheTests
{
    private const string Collection = "trinity-answer-cache";

    [Fact]
    public async Task Lookup_SameConversationAfterStore_ExactHit()
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query("How do I reset my password?"), "Open settings.");

        var hit = await rig.LookupAsync(rig.Query("  How do I reset   my password? "));

        Assert.Equal(new AnswerCacheHit(new CachedAnswer("Open settings.", 3, "stop"), "exact", 1), hit);
        Assert.Equal(0, rig.Pool.Searches);
    }

    [Fact]
    public async Task Lookup_Paraphrase_SemanticHitAboveThreshold()
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query("How do I reset my password?"), "Open settings.");

        var hit = await rig.LookupAsync(rig.Query("how can I reset my password"));

        Assert.NotNull(hit);
        Assert.Equal("semantic", hit.Tier);
        Assert.Equal("Open settings.", hit.Answer.Text);
        Assert.InRange(hit.Score, rig.Options.Threshold, 1);
    }

    [Fact]
    public async Task Lookup_ParaphraseUnderRequestThreshold_Miss()
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query("How do I reset my password?"));

        Assert.Null(await rig.LookupAsync(rig.Query("how can I reset my password", threshold: 0.95)));
    }

    [Theory]
    [InlineData("How do I turn on dark mode?", "How do I turn off dark mode?")]
    [InlineData("Is it safe to eat raw eggs?", "Is it not safe to eat raw eggs?")]
    [InlineData("What is 2 plus 3?", "What is 2 plus 4?")]
    [InlineData("Who is Alice's manager?", "Who is Bob's manager?")]
    public async Task Lookup_NearDuplicateOfOtherMeaning_MissThoughOverThreshold(string stored, string asked)
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query(stored));

        Assert.Null(await rig.LookupAsync(rig.Query(asked)));

        // For the embedder they are near duplicates: the guard, not the threshold, keeps them apart.
        var nearest = await rig.Pool.SearchAsync(new VectorSearchRequest { Collection = Collection, Text = asked, K = 1 }, CancellationToken.None);
        Assert.True(nearest.Results[0].Score >= 0.7, $"similarity {nearest.Results[0].Score}");
    }

    [Fact]
    public async Task Lookup_OtherSystemPromptModelOrCollection_Miss()
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query("How do I reset my password?", system: "You are terse."));

        Assert.NotNull(await rig.LookupAsync(rig.Query("How do I reset my password?", system: "You are terse.")));
        Assert.Null(await rig.LookupAsync(rig.Query("How do I reset my password?", system: "You are verbose.")));
        Assert.Null(await rig.LookupAsync(rig.Query("How do I reset my password?")));
        Assert.Null(await rig.LookupAsync(rig.Query("How do I reset my password?", system: "You are terse.", model: "other")));
        Assert.Null(await rig.LookupAsync(rig.Query("How do I reset my password?", system: "You are terse.", collection: "docs")));
        Assert.Null(await rig.LookupAsync(rig.Query("how can I reset my password", system: "You are verbose.")));
    }

    [Fact]
    public async Task Lookup_MultiTurnWithOtherEarlierTurns_Miss()
    {
        using var rig = await CacheRig.StartAsync();
        AnswerCacheQuery Conversation(string city) => rig.Query("x") with
        {
            Messages = [new ChatMessage("user", $"Tell me about {city}"), new ChatMessage("assistant", $"{city} is a city."), new ChatMessage("user", "What about its population?")],
        };
        await rig.StoreAsync(Conversation("Paris"));

        Assert.NotNull(await rig.LookupAsync(Conversation("Paris")));
        Assert.Null(await rig.LookupAsync(Conversation("Rome")));
        Assert.Null(await rig.LookupAsync(rig.Query("What about its population?")));
    }

    [Theory]
    [InlineData("stop", 3, null, true)]
    [InlineData("stop", 3, 3, true)]
    [InlineData("stop", 3, 100, true)]
    [InlineData("stop", 3, 2, false)]
    [InlineData("length", 16, 16, true)]
    [InlineData("length", 16, 32, false)]
    [InlineData("length", 16, 8, false)]
    [InlineData("length", 16, null, false)]
    public async Task Lookup_CompletionTokenLimit_HitOnlyWhenTheAnswerFits(string finish, int tokens, int? maxTokens, bool hit)
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query("Tell me a story"), "Once upon a time", tokens, finish);

        Assert.Equal(hit, await rig.LookupAsync(rig.Query("Tell me a story", maxTokens: maxTokens)) is not null);
    }

    [Theory]
    [InlineData("error", "text")]
    [InlineData("cancelled", "text")]
    [InlineData("stop", "")]
    public async Task Store_UnfinishedOrEmptyAnswer_NotKept(string finish, string text)
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query("Tell me a story"), text, 3, finish);

        Assert.Equal(0, rig.Cache.Count);
        Assert.Equal(0, rig.Pool.Count(Collection));
    }
}
