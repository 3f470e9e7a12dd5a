using System.Net;
using System.Text.Json;
using Trinity.Tests.Gateway.Fakes;

namespace Trinity.Tests.Gateway.OpenAi;

public sealed class ChatCompletionsTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    private const string Path = "/v1/chat/completions";
    private GatewayHost Host => fixture.Host;

    private static int PromptTokens(string userText) => new FakeTokenizer().Encode(new FakeChatTemplate().Render([new("user", userText)])).Length;

    private static string Expected(string userText, int length) =>
        FakeEngine.GreedyText(new FakeTokenizer().Encode(new FakeChatTemplate().Render([new("user", userText)])), length);

    [Fact]
    public async Task ChatCompletion_NonStreaming_ReturnsOpenAiShape()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (response, body) = await Http.PostAsync(Host.Client, Path,
            """{"model":"fake-model","messages":[{"role":"user","content":"hello"}],"temperature":0}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", Http.ContentType(response)?.MediaType);
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.InRange(body.GetProperty("created").GetInt64(), before, before + 60);
        Assert.Equal("fake-model", body.GetProperty("model").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray().ToList());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(Expected("hello", Host.Engine.NaturalLength), choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = body.GetProperty("usage");
        Assert.Equal(PromptTokens("hello"), usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(Host.Engine.NaturalLength + 1, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        var trinity = body.GetProperty("trinity");
        Assert.True(trinity.GetProperty("ttft_ms").GetDouble() > 0);
        Assert.True(trinity.GetProperty("e2e_ms").GetDouble() >= trinity.GetProperty("ttft_ms").GetDouble());
        Assert.True(trinity.GetProperty("queue_ms").GetDouble() >= 0);
        Assert.Equal(32, Assert.Single(response.Headers.GetValues("x-request-id")).Length);
        Assert.True(double.Parse(Assert.Single(response.Headers.GetValues("x-trinity-ttft-ms")), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Single(response.Headers.GetValues("x-trinity-e2e-ms"));
    }

    [Fact]
    public async Task ChatCompletion_ClientRequestId_IsEchoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = Http.Json("""{"model":"fake-model","messages":[{"role":"user","content":"x"}],"max_tokens":1}"""),
        };
        request.Headers.Add("x-request-id", "client-id-42");
        using var response = await Host.Client.SendAsync(request);

        Assert.Equal("client-id-42", Assert.Single(response.Headers.GetValues("x-request-id")));
    }

    [Theory]
    [InlineData("\"max_tokens\":5", 5)]
    [InlineData("\"max_completion_tokens\":3", 3)]
    [InlineData("\"max_tokens\":9,\"max_completion_tokens\":4", 4)]
    public async Task ChatCompletion_TokenLimit_FinishesWithLength(string limit, int expected)
    {
        var (response, body) = await Http.PostAsync(Host.Client, Path,
            $$"""{"model":"fake-model","messages":[{"role":"user","content":"limit"}],"temperature":0,{{limit}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(Expected("limit", expected), choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(expected, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletion_Stop_EndsBeforeStopString()
    {
        var text = Expected("stops", 30);
        var stop = text.Substring(5, 3);
        var (_, body) = await Http.PostAsync(Host.Client, Path,
            $$"""{"model":"fake-model","messages":[{"role":"user","content":"stops"}],"temperature":0,"stop":["zzzz","{{stop}}"]}""");

        var choice = body.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], choice.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ChatCompletion_N3_ReturnsThreeDistinctSeededChoices()
    {
        const string request = """{"model":"fake-model","messages":[{"role":"user","content":"n"}],"n":3,"seed":7,"max_tokens":12}""";
        var (_, first) = await Http.PostAsync(Host.Client, Path, request);
        var (_, second) = await Http.PostAsync(Host.Client, Path, request);

        var texts = first.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("message").GetProperty("content").GetString()).ToList();
        Assert.Equal([0, 1, 2], first.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(3, texts.Distinct().Count());
        Assert.Equal(texts, second.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal(36, first.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(PromptTokens("n"), first.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletion_SameSeed_GivesSameTextWhileOthersRun()
    {
        const string seeded = """{"model":"fake-model","messages":[{"role":"user","content":"seed"}],"temperature":1,"seed":1234,"max_tokens":16}""";
        var noise = Enumerable.Range(0, 4).Select(_ => Http.PostAsync(Host.Client, Path,
            """{"model":"fake-model","messages":[{"role":"user","content":"noise"}],"temperature":1,"max_tokens":16}""")).ToList();
        var runs = await Task.WhenAll(Http.PostAsync(Host.Client, Path, seeded), Http.PostAsync(Host.Client, Path, seeded));
        await Task.WhenAll(noise);
        var (_, other) = await Http.PostAsync(Host.Client, Path, seeded.Replace("1234", "4321", StringComparison.Ordinal));

        static string Text(JsonElement body) => body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(Text(runs[0].Body), Text(runs[1].Body));
        Assert.NotEqual(Text(runs[0].Body), Text(other));
        Assert.Equal(1234UL, Host.Engine.Requests.First(r => r.Sampling.Seed == 1234UL).Sampling.Seed);
    }

    [Fact]
    public async Task ChatCompletion_ContentPartsAndUnknownFields_AreAccepted()
    {
        var (response, body) = await Http.PostAsync(Host.Client, Path, """
            {"model":"fake-model","temperature":0,"max_tokens":4,"user":"u1","vendor_field":{"deep":[1,2,{"x":null}]},
             "frequency_penalty":0,"tools":[],"response_format":{"type":"text"},
             "messages":[{"role":"system","content":"be brief","name":"sys"},
                         {"role":"user","content":[{"type":"text","text":"part one"},{"type":"text","text":"part two"}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expectedPrompt = new FakeTokenizer().Encode(new FakeChatTemplate().Render([new("system", "be brief"), new("user", "part one\npart two")]));
        Assert.Equal(expectedPrompt.Length, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(FakeEngine.GreedyText(expectedPrompt, 4), body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ChatCompletion_PromptLongerThanContext_Returns400ContextLengthExceeded()
    {
        var longText = new string('a', GatewayHost.ContextLength);
        var (response, body) = await Http.PostAsync(Host.Client, Path, $$"""{"model":"fake-model","messages":[{"role":"user","content":"{{longText}}"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Http.AssertError(body);
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("maximum context length is 512 tokens", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletion_MaxTokensBeyondContext_Returns400NamingMaxTokens()
    {
        var (response, body) = await Http.PostAsync(Host.Client, Path, """{"model":"fake-model","messages":[{"role":"user","content":"hi"}],"max_tokens":100000}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("max_tokens", Http.AssertError(body).GetProperty("param").GetString());
    }

    [Fact]
    public async Task ChatCompletion_UnknownModel_Returns404ModelNotFound()
    {
        var (response, body) = await Http.PostAsync(Host.Client, Path, """{"model":"gpt-9","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = Http.AssertError(body);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }
}
