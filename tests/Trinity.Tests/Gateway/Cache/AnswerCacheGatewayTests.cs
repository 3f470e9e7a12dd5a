using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trinity.VectorGpu.Client;
using Trinity.Tests.Gateway.OpenAi;
using Xunit.Abstractions;
using static Trinity.Tests.Gateway.Cache.CacheGateway;

namespace Trinity.Tests.Gateway.Cache;

/// <summary>The answer cache through the real gateway on Kestrel (fake engine, real in-process pool, own home).</summary>
public sealed class AnswerCacheGatewayTests(CacheGatewayFixture fixture, ITestOutputHelper output) : IClassFixture<CacheGatewayFixture>
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task ChatCompletion_IdenticalSecondRequest_HitUnder5MsWithoutEngine()
    {
        // Warm the hit path once (first calls pay for JIT), as a running gateway has.
        await SendAsync(_host, Chat("Warm-up question about tea"));
        await SendAsync(_host, Chat("Warm-up question about tea"));
        var body = Chat("What is the airspeed of an unladen swallow?");
        var (first, firstBody) = await SendAsync(_host, body);
        var calls = _host.Engine.Requests.Count;

        var (second, secondBody) = await SendAsync(_host, body);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("miss", Status(first));
        Assert.Equal("miss", Report(firstBody).GetProperty("status").GetString());
        Assert.Equal("hit", Status(second));
        Assert.Equal(calls, _host.Engine.Requests.Count);
        var report = Report(secondBody);
        Assert.Equal("hit", report.GetProperty("status").GetString());
        Assert.Equal("exact", report.GetProperty("tier").GetString());
        Assert.Equal(1, report.GetProperty("score").GetDouble());
        Assert.Equal(Text(firstBody), Text(secondBody));
        Assert.Equal(firstBody.GetProperty("usage").GetRawText(), secondBody.GetProperty("usage").GetRawText());
        Assert.Equal("chat.completion", secondBody.GetProperty("object").GetString());
        Assert.NotEqual(firstBody.GetProperty("id").GetString(), secondBody.GetProperty("id").GetString());

        var serverMs = secondBody.GetProperty("trinity").GetProperty("e2e_ms").GetDouble();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hit: {serverMs} ms server time (miss: {firstBody.GetProperty("trinity").GetProperty("e2e_ms").GetDouble()} ms), lookup {report.GetProperty("ms").GetDouble()} ms"));
        Assert.True(serverMs < 5, $"hit took {serverMs} ms of server time");
        Assert.True(HeaderMs(second, "x-trinity-e2e-ms") < 5);
        Assert.True(report.GetProperty("ms").GetDouble() < 5);
    }

    [Fact]
    public async Task ChatCompletion_StreamedHit_SameTextAsSseWithUsage()
    {
        var (_, generated) = await SendAsync(_host, Chat("Describe a lighthouse at dusk"));
        var calls = _host.Engine.Requests.Count;

        var response = await _host.Client.PostAsync(new Uri(ChatPath, UriKind.Relative), Http.Json(Chat("Describe a lighthouse at dusk", extra: ""","stream":true,"stream_options":{"include_usage":true}""")));
        var events = Sse.Events(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", Http.ContentType(response)?.MediaType);
        Assert.Equal("hit", Status(response));
        Assert.Equal(calls, _host.Engine.Requests.Count);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = Sse.Chunks(events);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var withChoices = chunks.Where(c => c.GetProperty("choices").GetArrayLength() == 1).ToList();
        Assert.Equal(Text(generated), string.Concat(withChoices.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : "")));
        Assert.Equal(generated.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), withChoices[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.All(withChoices, c => Assert.Equal(System.Text.Json.JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        var usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(generated.GetProperty("usage").GetRawText(), usage.GetProperty("usage").GetRawText());
        Assert.Equal("hit", usage.GetProperty("trinity").GetProperty("cache").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ChatCompletion_Paraphrase_SemanticHit()
    {
        var (_, generated) = await SendAsync(_host, Chat("How do I reset my password?"));
        var calls = _host.Engine.Requests.Count;

        var (response, body) = await SendAsync(_host, Chat("how can I reset my password"));

        Assert.Equal("hit", Status(response));
        Assert.Equal(calls, _host.Engine.Requests.Count);
        Assert.Equal("semantic", Report(body).GetProperty("tier").GetString());
        Assert.InRange(Report(body).GetProperty("score").GetDouble(), 0.75, 1);
        Assert.Equal(Text(generated), Text(body));
    }

    [Theory]
    [InlineData("How do I turn on the porch light?", "How do I turn off the porch light?")]
    [InlineData("Is it safe to swim after eating?", "Is it not safe to swim after eating?")]
    [InlineData("What is 12 times 7?", "What is 12 times 8?")]
    [InlineData("Who is Alice's line manager?", "Who is Bob's line manager?")]
    public async Task ChatCompletion_NegatedOrChangedNumberOrName_Miss(string stored, string asked)
    {
        await SendAsync(_host, Chat(stored));
        var calls = _host.Engine.Requests.Count;

        var (response, body) = await SendAsync(_host, Chat(asked));

        Assert.Equal("miss", Status(response));
        Assert.Equal("miss", Report(body).GetProperty("status").GetString());
        Assert.Equal(calls + 1, _host.Engine.Requests.Count);
    }

    [Fact]
    public async Task ChatCompletion_OptedOut_BypassAndNothingStored()
    {
        var optOut = Chat("Name three rivers in Europe", extra: ""","answer_cache":{"enabled":false}""");
        var calls = _host.Engine.Requests.Count;

        var (first, firstBody) = await SendAsync(_host, optOut);
        var (second, _) = await SendAsync(_host, optOut);
        var (third, _) = await SendAsync(_host, Chat("Name three rivers in Europe"));

        Assert.Equal("bypass", Status(first));
        Assert.Equal("bypass", Report(firstBody).GetProperty("status").GetString());
        Assert.Equal("bypass", Status(second));
        Assert.Equal("miss", Status(third));
        Assert.Equal(calls + 3, _host.Engine.Requests.Count);
    }

    [Theory]
    [InlineData(""","n":2""")]
    [InlineData(""","temperature":1.5""")]
    [InlineData(""","temperature":0.7,"seed":42""")]
    [InlineData(""","ignore_eos":true""")]
    public async Task ChatCompletion_NotCacheable_Bypass(string extra)
    {
        var body = Chat("Write a limerick about a cat", extra: extra);
        var (first, _) = await SendAsync(_host, body);
        var (second, _) = await SendAsync(_host, body);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("bypass", Status(first));
        Assert.Equal("bypass", Status(second));
    }

    [Fact]
    public async Task ChatCompletion_OtherSystemPrompt_Miss()
    {
        await SendAsync(_host, Chat("Suggest a name for a bakery", system: "You are a pirate."));

        var (same, _) = await SendAsync(_host, Chat("Suggest a name for a bakery", system: "You are a pirate."));
        var (other, _) = await SendAsync(_host, Chat("Suggest a name for a bakery", system: "You are a poet."));
        var (none, _) = await SendAsync(_host, Chat("Suggest a name for a bakery"));

        Assert.Equal("hit", Status(same));
        Assert.Equal("miss", Status(other));
        Assert.Equal("miss", Status(none));
    }

    [Fact]
    public async Task ChatCompletion_RequestThreshold_AppliesToSemanticTier()
    {
        await SendAsync(_host, Chat("How can I export my contacts?"));

        var (strict, _) = await SendAsync(_host, Chat("how do I export my contacts", extra: ""","answer_cache":{"threshold":0.99}"""));
        var (lenient, _) = await SendAsync(_host, Chat("how could I export my contacts", extra: ""","answer_cache":{"threshold":0.6}"""));

        Assert.Equal("miss", Status(strict));
        Assert.Equal("hit", Status(lenient));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("-0.2")]
    public async Task ChatCompletion_ThresholdOutOfRange_400(string threshold)
    {
        var (response, body) = await Http.PostAsync(_host.Client, ChatPath, Chat("hello", extra: $$""","answer_cache":{"threshold":{{threshold}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("answer_cache.threshold", Http.AssertError(body).GetProperty("param").GetString());
    }

    [Fact]
    public async Task ChatCompletion_WithRetrieval_KeptApartPerCollectionAndHitSkipsRetrieval()
    {
        var pool = _host.App.Services.GetRequiredService<IVectorPool>();
        foreach (var name in new[] { "cache-docs-a", "cache-docs-b" })
        {
            await pool.CreateCollectionAsync(new CollectionSpec { Name = name, Dimension = 384 }, CancellationToken.None);
            await pool.UpsertAsync(name, [new VectorPoint { Id = "1", Text = "Parking is free on Sundays.", Payload = JsonDocument.Parse($$"""{"text":"Parking in {{name}} is free on Sundays."}""").RootElement }], CancellationToken.None);
        }

        static string Grounded(string collection) => Chat("Is parking free on Sundays?", extra: $$""","retrieval":{"collection":"{{collection}}"}""");
        var (first, firstBody) = await SendAsync(_host, Grounded("cache-docs-a"));
        var (again, againBody) = await SendAsync(_host, Grounded("cache-docs-a"));
        var (other, _) = await SendAsync(_host, Grounded("cache-docs-b"));
        var (ungrounded, _) = await SendAsync(_host, Chat("Is parking free on Sundays?"));

        Assert.Equal("miss", Status(first));
        Assert.True(firstBody.GetProperty("trinity").TryGetProperty("retrieval", out _));
        Assert.Equal("hit", Status(again));
        Assert.False(againBody.GetProperty("trinity").TryGetProperty("retrieval", out _));
        Assert.Equal(Text(firstBody), Text(againBody));
        Assert.Equal("miss", Status(other));
        Assert.Equal("miss", Status(ungrounded));
    }

    [Fact]
    public async Task Metrics_AfterHitsAndMisses_CountedByTierAndOutcome()
    {
        await SendAsync(_host, Chat("Explain photosynthesis simply"));
        await SendAsync(_host, Chat("Explain photosynthesis simply"));

        var metrics = await _host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("trinity_answer_cache_lookups_total{outcome=\"hit\",tier=\"exact\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trinity_answer_cache_lookups_total{outcome=\"miss\",tier=\"semantic\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trinity_answer_cache_entries", metrics, StringComparison.Ordinal);
        Assert.Contains("trinity_answer_cache_lookup_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("trinity_answer_cache_stores_total", metrics, StringComparison.Ordinal);
    }
}
