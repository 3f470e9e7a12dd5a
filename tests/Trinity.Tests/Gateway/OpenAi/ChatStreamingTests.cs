using System.Net;
using System.Text.Json;

namespace Trinity.Tests.Gateway.OpenAi;

public sealed class ChatStreamingTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    private GatewayHost Host => fixture.Host;

    private async Task<(HttpResponseMessage Response, List<string> Events)> StreamAsync(string body)
    {
        var response = await Host.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), Http.Json(body));
        return (response, Sse.Events(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ChatStream_WithUsage_HasOpenAiChunkShapes()
    {
        var (response, events) = await StreamAsync(
            """{"model":"fake-model","messages":[{"role":"user","content":"stream me"}],"temperature":0,"stream":true,"stream_options":{"include_usage":true}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", Http.ContentType(response)?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = Sse.Chunks(events);
        Assert.All(chunks, c =>
        {
            Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString());
            Assert.Equal(chunks[0].GetProperty("id").GetString(), c.GetProperty("id").GetString());
            Assert.Equal(chunks[0].GetProperty("created").GetInt64(), c.GetProperty("created").GetInt64());
            Assert.Equal("fake-model", c.GetProperty("model").GetString());
        });
        Assert.StartsWith("chatcmpl-", chunks[0].GetProperty("id").GetString(), StringComparison.Ordinal);

        var first = chunks[0].GetProperty("choices")[0];
        Assert.Equal("assistant", first.GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("finish_reason").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("logprobs").ValueKind);

        var content = chunks[..^1];
        Assert.All(content, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.All(content[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        Assert.Equal("stop", content[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());

        var usageChunk = chunks[^1];
        Assert.Empty(usageChunk.GetProperty("choices").EnumerateArray());
        var usage = usageChunk.GetProperty("usage");
        Assert.Equal(Host.Engine.NaturalLength + 1, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.True(usageChunk.GetProperty("trinity").GetProperty("e2e_ms").GetDouble() > 0);
        Assert.True(double.Parse(Assert.Single(response.Headers.GetValues("x-trinity-ttft-ms")), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task ChatStream_AtTemperatureZero_StreamsTheSameTextAsNonStreamed()
    {
        const string request = """{"model":"fake-model","messages":[{"role":"user","content":"same"}],"temperature":0,"max_tokens":20,"stop":"fox"}""";
        var (_, complete) = await Http.PostAsync(Host.Client, "/v1/chat/completions", request);
        var (_, events) = await StreamAsync(request.Replace("{\"model\"", "{\"stream\":true,\"model\"", StringComparison.Ordinal));

        var chunks = Sse.Chunks(events);
        var streamed = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var text) ? text.GetString() : string.Empty));
        Assert.Equal(complete.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), streamed);
        Assert.Equal(
            complete.GetProperty("choices")[0].GetProperty("finish_reason").GetString(),
            chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatStream_WithoutIncludeUsage_HasNoUsageChunk()
    {
        var (_, events) = await StreamAsync("""{"model":"fake-model","messages":[{"role":"user","content":"x"}],"max_tokens":3,"stream":true}""");

        var chunks = Sse.Chunks(events);
        Assert.All(chunks, c => Assert.NotEmpty(c.GetProperty("choices").EnumerateArray()));
        Assert.Equal("length", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task ChatStream_N2_StartsEachChoiceWithRole()
    {
        var (_, events) = await StreamAsync("""{"model":"fake-model","messages":[{"role":"user","content":"x"}],"n":2,"seed":3,"max_tokens":5,"stream":true}""");

        var choices = Sse.Chunks(events).Select(c => c.GetProperty("choices")[0]).ToList();
        foreach (var index in new[] { 0, 1 })
        {
            var own = choices.Where(c => c.GetProperty("index").GetInt32() == index).ToList();
            Assert.Equal("assistant", own[0].GetProperty("delta").GetProperty("role").GetString());
            Assert.Equal("length", own[^1].GetProperty("finish_reason").GetString());
            Assert.Equal(5, string.Concat(own.Select(c => c.GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : "")).Length);
        }
    }
}
