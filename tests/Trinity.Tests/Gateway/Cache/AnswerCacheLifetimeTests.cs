using Microsoft.Extensions.DependencyInjection;
using Trinity.Common.Time;
using Trinity.Gateway.Cache;
using Trinity.Tests.Common.Time;
using Trinity.Tests.Gateway.OpenAi;
using Trinity.Tokenization;
using Trinity.VectorGpu.Client;
using static Trinity.Tests.Gateway.Cache.CacheGateway;

namespace Trinity.Tests.Gateway.Cache;

/// <summary>Expiry, eviction and restart through the real gateway and pool, each test with a home of its own.</summary>
public sealed class AnswerCacheLifetimeTests : IDisposable
{
    private const string Collection = "trinity-answer-cache";
    private readonly string _home = TestModels.TempDirectory("answer-cache-lifetime");

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task ChatCompletion_AfterTtl_MissAgain()
    {
        // Virtual time: the answer lives exactly its TTL, however long the requests take on a loaded machine.
        var time = new ManualTimeProvider();
        var step = TimeSpan.FromMilliseconds(1);
        await using var host = await StartAsync(_home, new Dictionary<string, string?> { ["Trinity:AnswerCache:TtlSeconds"] = "30" }, time);
        await time.DriveAsync(SendAsync(host, Chat("What colour is the sky on Mars?")), step);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("hit", Status((await time.DriveAsync(SendAsync(host, Chat("What colour is the sky on Mars?")), step)).Response));

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("miss", Status((await time.DriveAsync(SendAsync(host, Chat("What colour is the sky on Mars?")), step)).Response));
    }

    [Fact]
    public async Task ChatCompletion_PastMaxEntries_LeastRecentlyUsedEvictedFromMemoryAndPool()
    {
        await using var host = await StartAsync(_home, new Dictionary<string, string?> { ["Trinity:AnswerCache:MaxEntries"] = "2" });
        var pool = host.App.Services.GetRequiredService<IVectorPool>();
        await SendAsync(host, Chat("first question about apples"));
        await SendAsync(host, Chat("second question about pears"));
        Assert.Equal("hit", Status((await SendAsync(host, Chat("first question about apples"))).Response));

        await SendAsync(host, Chat("third question about plums"));

        Assert.Equal(2, (await pool.GetCollectionAsync(Collection, CancellationToken.None)).Count);
        var evicted = PointId("second question about pears");
        var left = await pool.SearchAsync(new VectorSearchRequest { Collection = Collection, Text = "second question about pears", K = 10 }, CancellationToken.None);
        Assert.DoesNotContain(left.Results, r => r.Id.Value == evicted);
        Assert.Equal("hit", Status((await SendAsync(host, Chat("first question about apples"))).Response));
        Assert.Equal("miss", Status((await SendAsync(host, Chat("second question about pears"))).Response));
    }

    [Fact]
    public async Task Restart_SameHome_AnswersFoundAgain()
    {
        string text;
        await using (var first = await StartAsync(_home))
        {
            text = Text((await SendAsync(first, Chat("How do I reset my password?"))).Body);
        }

        await using var second = await StartAsync(_home);
        var calls = second.Engine.Requests.Count;

        var (paraphrase, paraphraseBody) = await SendAsync(second, Chat("how can I reset my password"));
        var (same, sameBody) = await SendAsync(second, Chat("How do I reset my password?"));

        Assert.Equal("hit", Status(paraphrase));
        Assert.Equal("semantic", Report(paraphraseBody).GetProperty("tier").GetString());
        Assert.Equal("hit", Status(same));
        Assert.Equal("exact", Report(sameBody).GetProperty("tier").GetString());
        Assert.Equal(text, Text(paraphraseBody));
        Assert.Equal(text, Text(sameBody));
        Assert.Equal(calls, second.Engine.Requests.Count);
    }

    [Fact]
    public async Task ChatCompletion_CacheDisabled_BypassAndNoCollection()
    {
        await using var host = await StartAsync(_home, new Dictionary<string, string?> { ["Trinity:AnswerCache:Enabled"] = "false" });

        var (first, _) = await SendAsync(host, Chat("Is the cache off?"));
        var (second, _) = await SendAsync(host, Chat("Is the cache off?"));

        Assert.Equal("bypass", Status(first));
        Assert.Equal("bypass", Status(second));
        Assert.Empty(await host.App.Services.GetRequiredService<IVectorPool>().ListCollectionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ChatCompletion_SemanticTierOff_ExactHitsOnlyAndNoCollection()
    {
        await using var host = await StartAsync(_home, new Dictionary<string, string?> { ["Trinity:AnswerCache:SemanticEnabled"] = "false" });
        await SendAsync(host, Chat("How do I reset my password?"));

        Assert.Equal("hit", Status((await SendAsync(host, Chat("How do I reset my password?"))).Response));
        Assert.Equal("miss", Status((await SendAsync(host, Chat("how can I reset my password"))).Response));
        Assert.Empty(await host.App.Services.GetRequiredService<IVectorPool>().ListCollectionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Start_BadOptions_FailsWithTheSettingName()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(_home, new Dictionary<string, string?> { ["Trinity:AnswerCache:Threshold"] = "2" }));

        Assert.Contains("Trinity:AnswerCache:Threshold", exception.ToString(), StringComparison.Ordinal);
    }

    private static string PointId(string user) =>
        CacheKeyBuilder.Build(new AnswerCacheQuery(GatewayHost.ModelName, [new ChatMessage("user", user)], null, null, DateTimeOffset.MaxValue)).Id;
}
