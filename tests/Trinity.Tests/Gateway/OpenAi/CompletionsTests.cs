using System.Net;
using System.Text.Json;
using Trinity.Tests.Gateway.Fakes;

namespace Trinity.Tests.Gateway.OpenAi;

public sealed class CompletionsTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    private const string Path = "/v1/completions";
    private GatewayHost Host => fixture.Host;

    private static string Greedy(string prompt, int length) => FakeEngine.GreedyText(new FakeTokenizer().Encode(prompt), length);

    [Fact]
    public async Task Completion_StringPrompt_ReturnsTextCompletionWithDefault16Tokens()
    {
        var (response, body) = await Http.PostAsync(Host.Client, Path, """{"model":"fake-model","prompt":"Once upon","temperature":0,"ignore_eos":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray().ToList());
        Assert.Equal(Greedy("Once upon", 16), choice.GetProperty("text").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal(9, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(16, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completion_TwoPromptsTimesN2_ReturnsFourChoicesInPromptMajorOrder()
    {
        var (_, body) = await Http.PostAsync(Host.Client, Path, """{"model":"fake-model","prompt":["ab","xyz"],"n":2,"temperature":0,"max_tokens":4}""");

        var texts = body.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("text").GetString()).ToList();
        Assert.Equal([Greedy("ab", 4), Greedy("ab", 4), Greedy("xyz", 4), Greedy("xyz", 4)], texts);
        Assert.Equal(5, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(16, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completion_TokenPromptWithEcho_EchoesDecodedPrompt()
    {
        var (_, body) = await Http.PostAsync(Host.Client, Path, """{"model":"fake-model","prompt":[104,105],"echo":true,"temperature":0,"max_tokens":3}""");

        Assert.Equal("hi" + Greedy("hi", 3), body.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal(2, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Completion_Stream_EndsWithUsageAndDone()
    {
        var response = await Host.Client.PostAsync(new Uri(Path, UriKind.Relative),
            Http.Json("""{"model":"fake-model","prompt":"abc","temperature":0,"max_tokens":6,"stream":true,"stream_options":{"include_usage":true}}"""));
        var events = Sse.Events(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", events[^1]);
        var chunks = Sse.Chunks(events);
        Assert.All(chunks, c => Assert.Equal("text_completion", c.GetProperty("object").GetString()));
        Assert.Equal(Greedy("abc", 6), string.Concat(chunks[..^1].Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal("length", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Empty(chunks[^1].GetProperty("choices").EnumerateArray());
        Assert.Equal(6, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [InlineData("{\"model\":\"fake-model\"}", "prompt")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":[]}", "prompt")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":\"\"}", "prompt")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":[1,999]}", "prompt[1]")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":[[1],[2,-1]]}", "prompt[1][1]")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":[\"a\",1]}", "prompt[1]")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":[1,\"a\"]}", "prompt[1]")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":[1.5]}", "prompt[0]")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":{\"a\":1}}", "prompt")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":\"a\",\"logprobs\":6}", "logprobs")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":\"a\",\"suffix\":\"z\"}", "suffix")]
    [InlineData("{\"model\":\"fake-model\",\"prompt\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"n\":16}", "n")]
    public async Task Completion_InvalidField_Returns400NamingParam(string body, string param)
    {
        var (response, json) = await Http.PostAsync(Host.Client, Path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, Http.AssertError(json).GetProperty("param").GetString());
    }
}
