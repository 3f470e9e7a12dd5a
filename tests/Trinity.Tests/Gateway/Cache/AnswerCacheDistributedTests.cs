using System.Text.Json;
using Trinity.Bench.Cluster;
using Trinity.Tests.Gateway.OpenAi;
using static Trinity.Tests.Gateway.Cache.CacheGateway;

namespace Trinity.Tests.Gateway.Cache;

/// <summary>The semantic tier in the vector-pool process of a distributed Trinity (the gateway reaches it over HTTP).</summary>
public sealed class AnswerCacheDistributedTests : IDisposable
{
    private readonly string _home = TestModels.TempDirectory("answer-cache-cluster");

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task ChatCompletion_RemotePool_ParaphraseHitsFromThePoolProcess()
    {
        // A generous lookup budget: on a shared test machine a cold process's first searches can take longer than 50 ms.
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            Model = TestModels.TinyDirectory,
            Home = _home,
            VectorPool = true,
            GatewayEnvironment = new Dictionary<string, string> { ["Trinity__AnswerCache__LookupBudgetMs"] = "5000" },
        });
        using var gateway = new HttpClient { BaseAddress = new Uri(cluster.Gateway.Url), Timeout = TimeSpan.FromSeconds(60) };
        using var vector = new HttpClient { BaseAddress = new Uri(cluster.Vector!.Url), Timeout = TimeSpan.FromSeconds(60) };

        // The pool's API is internal: it takes the cluster's token.
        vector.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cluster.Token);
        static string Body(string prompt) => $$"""{"model":"trinity-tiny","messages":[{"role":"user","content":"{{prompt}}"}],"max_tokens":8,"temperature":0}""";

        var (first, generated) = await Http.PostAsync(gateway, ChatPath, Body("How do I reset my password?"));
        Assert.Equal("miss", Status(first));

        // The store reaches the pool process after the response: wait for its point.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await PointsAsync(vector) < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var (paraphrase, cached) = await Http.PostAsync(gateway, ChatPath, Body("how can I reset my password"));
        var (negated, _) = await Http.PostAsync(gateway, ChatPath, Body("How do I not reset my password?"));

        Assert.Equal("hit", Status(paraphrase));
        Assert.Equal("semantic", Report(cached).GetProperty("tier").GetString());
        Assert.Equal(Text(generated), Text(cached));
        Assert.Equal("miss", Status(negated));
    }

    private static async Task<long> PointsAsync(HttpClient vector)
    {
        using var response = await vector.GetAsync(new Uri("/v1/collections/trinity-answer-cache", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("count").GetInt64();
    }
}
