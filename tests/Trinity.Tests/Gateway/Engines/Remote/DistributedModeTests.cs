namespace Trinity.Tests.Gateway.Engines.Remote;

/// <summary>PD disaggregation with real processes: gateway → prefill engine → KV pulled by a decode engine.</summary>
public sealed class DistributedModeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly string[] Prompts = ["What is PD disaggregation?", "Grüße 🎉 日本語", "a"];

    [Fact]
    public async Task GreedyChat_SameTextAsAllInOne()
    {
        await using var allInOne = await GatewayHost.StartWithModelAsync(TestModels.TinyDirectory);
        foreach (var prompt in Prompts)
        {
            var expected = await DistributedChat.CompleteAsync(allInOne.Client, prompt);
            Assert.False(string.IsNullOrEmpty(expected));
            Assert.Equal(expected, await DistributedChat.CompleteAsync(fixture.Client, prompt));
        }

        // The caches really moved between processes (not recomputed on the decode side).
        var moved = 0.0;
        foreach (var decode in fixture.Cluster.Decode)
        {
            moved += await DistributedChat.MetricAsync(decode.Url, "trinity_engine_kv_transfer_bytes_total");
            Assert.Equal(0, await DistributedChat.MetricAsync(decode.Url, "trinity_engine_kv_recomputes_total"));
        }

        Assert.True(moved > 0);
    }

    [Fact]
    public async Task Streaming_SameTextAndDone()
    {
        var expected = await DistributedChat.CompleteAsync(fixture.Client, "stream this", 20);
        var (text, done, error) = await DistributedChat.StreamAsync(fixture.Client, "stream this", 20);
        Assert.Null(error);
        Assert.True(done);
        Assert.Equal(expected, text);
    }

    [Fact]
    public async Task EightConcurrentRequests_AllComplete()
    {
        var texts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => DistributedChat.CompleteAsync(fixture.Client, $"request number {i}", 16)));
        Assert.All(texts, t => Assert.False(string.IsNullOrEmpty(t)));
        Assert.Equal(await DistributedChat.CompleteAsync(fixture.Client, "request number 3", 16), texts[3]);
    }

    [Fact]
    public async Task Rag_CollectionThroughGateway_IntervalRetrievalSearchesThePoolProcessAtDecodeStage()
    {
        var client = fixture.Client;
        var created = await client.PostAsync(new Uri("/v1/collections", UriKind.Relative), OpenAi.Http.Json("""{"name":"kb","dimension":384,"metric":"cosine","index":"flat"}"""));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var upsert = await client.PostAsync(new Uri("/v1/collections/kb/points", UriKind.Relative), OpenAi.Http.Json(
            """{"points":[{"id":"pd","text":"prefill and decode run in separate engines","payload":{"text":"Prefill and decode run in separate engines."}},{"id":"pool","text":"one shared vector pool serves every search","payload":{"text":"One shared vector pool serves every search."}}]}"""));
        Assert.True(upsert.IsSuccessStatusCode, await upsert.Content.ReadAsStringAsync());

        var (response, body) = await OpenAi.Http.PostAsync(client, "/v1/chat/completions",
            """{"model":"trinity-tiny","messages":[{"role":"user","content":"Where do prefill and decode run?"}],"max_tokens":24,"ignore_eos":true,"temperature":0,"retrieval":{"collection":"kb","k":1,"mode":"interval","interval_tokens":6}}""");
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        var retrieval = body.GetProperty("trinity").GetProperty("retrieval");
        Assert.Equal("pd", retrieval.GetProperty("chunks")[0].GetProperty("id").GetString());
        Assert.Equal("interval", retrieval.GetProperty("mode").GetString());

        var decodeSearches = 0.0;
        foreach (var decode in fixture.Cluster.Decode)
        {
            decodeSearches += await DistributedChat.MetricAsync(decode.Url, "trinity_engine_decode_retrievals_total");
        }

        Assert.True(decodeSearches >= 3, $"decode engines made {decodeSearches} searches");
        var poolMetrics = await client.GetStringAsync(new Uri(fixture.Cluster.Vector!.Url + "/metrics"));
        Assert.Contains("stage=\"decode\"", poolMetrics, StringComparison.Ordinal);
    }
}
