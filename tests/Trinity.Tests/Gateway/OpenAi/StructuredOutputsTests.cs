using System.ClientModel;
using System.Net;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using Trinity.Tests.Gateway.Engines;

namespace Trinity.Tests.Gateway.OpenAi;

/// <summary>Structured outputs with the official OpenAI .NET SDK against the gateway on Kestrel with the built-in model:
/// strict json_schema answers validate (checked independently with System.Text.Json), and bad formats are 400s.</summary>
public sealed class StructuredOutputsTests(RealModelFixture fixture) : IClassFixture<RealModelFixture>
{
    private const string Model = "trinity-tiny";

    public static TheoryData<string, string> Schemas => new()
    {
        { "enum", """{"type":"object","properties":{"color":{"enum":["red","green","blue"]},"size":{"type":"string","enum":["S","M","L"]}},"required":["color","size"],"additionalProperties":false}""" },
        { "bounded", """{"type":"object","properties":{"age":{"type":"integer","minimum":18,"maximum":99},"score":{"type":"number","minimum":0,"maximum":1}},"required":["age","score"],"additionalProperties":false}""" },
        { "array", """{"type":"object","properties":{"tags":{"type":"array","items":{"type":"string","maxLength":8},"minItems":2,"maxItems":4}},"required":["tags"],"additionalProperties":false}""" },
        { "nested", """{"type":"object","properties":{"user":{"type":"object","properties":{"name":{"type":"string","maxLength":10},"active":{"type":"boolean"}},"required":["name","active"],"additionalProperties":false}},"required":["user"],"additionalProperties":false}""" },
        { "defs", """{"type":"object","$defs":{"point":{"type":"object","properties":{"x":{"type":"integer","minimum":-5,"maximum":5},"y":{"type":"integer","minimum":-5,"maximum":5}},"required":["x","y"],"additionalProperties":false}},"properties":{"from":{"$ref":"#/$defs/point"},"to":{"$ref":"#/$defs/point"}},"required":["from","to"],"additionalProperties":false}""" },
    };

    private ChatClient Chat => new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Host.BaseAddress, "/v1") }).GetChatClient(Model);

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Sdk_StrictJsonSchema_OutputValidates(string name, string schema)
    {
        foreach (var temperature in new[] { 0f, 1f })
        {
            ChatCompletion completion = await Chat.CompleteChatAsync(
                [new UserChatMessage($"Give me a {name} example.")],
                new ChatCompletionOptions
                {
                    Temperature = temperature,
                    MaxOutputTokenCount = 300,
                    ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(name, BinaryData.FromString(schema), jsonSchemaIsStrict: true),
                });

            Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
            using var document = JsonDocument.Parse(completion.Content[0].Text);
            SchemaAssert.Valid(JsonDocument.Parse(schema).RootElement, document.RootElement);
        }
    }

    [Fact]
    public async Task Sdk_JsonObject_ReturnsAnObject()
    {
        ChatCompletion completion = await Chat.CompleteChatAsync(
            [new UserChatMessage("Anything")],
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 400, ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() });
        var text = completion.Content[0].Text;
        Assert.StartsWith("{", text, StringComparison.Ordinal);
        if (completion.FinishReason == ChatFinishReason.Stop)
        {
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task Chat_MaxTokensCutsConstrainedOutput_FinishReasonLength()
    {
        var body = Body(""","max_tokens":4,"temperature":0,"response_format":{"type":"json_schema","json_schema":{"name":"p","strict":true,"schema":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["a","b"]}}}""");
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("length", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(4, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_UnsupportedSchemaKeyword_Is400NamingSchemaAndKeyword()
    {
        var body = Body(""","response_format":{"type":"json_schema","json_schema":{"name":"p","schema":{"type":"object","patternProperties":{"^x":{"type":"string"}}}}}""");
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Http.AssertError(json);
        Assert.Equal("response_format.json_schema.schema", error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("patternProperties", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_RemoteRef_Is400()
    {
        var body = Body(""","response_format":{"type":"json_schema","json_schema":{"name":"p","schema":{"$ref":"https://example.org/s.json"}}}""");
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("response_format.json_schema.schema", Http.AssertError(json).GetProperty("param").GetString());
    }

    [Theory]
    [InlineData(""","response_format":{"type":"xml"}""", "response_format.type")]
    [InlineData(""","response_format":{}""", "response_format.type")]
    [InlineData(",\"response_format\":\"json\"", "response_format")]
    [InlineData(""","response_format":{"type":"json_schema"}""", "response_format.json_schema")]
    [InlineData(""","response_format":{"type":"json_schema","json_schema":{"schema":{}}}""", "response_format.json_schema.name")]
    [InlineData(""","frequency_penalty":0.5""", "frequency_penalty")]
    [InlineData(""","logit_bias":{"42":5}""", "logit_bias")]
    [InlineData(""","functions":[{"name":"f"}]""", "functions")]
    [InlineData(""","logprobs":true,"top_logprobs":21""", "top_logprobs")]
    [InlineData(""","top_logprobs":2""", "top_logprobs")]
    public async Task Chat_UnhonourableField_Is400NamingIt(string extra, string param)
    {
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", Body(extra));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, Http.AssertError(json).GetProperty("param").GetString());
    }

    [Fact]
    public async Task Chat_NeutralValuesAndUnknownFields_AreAccepted()
    {
        var body = Body(""","max_tokens":2,"frequency_penalty":0,"presence_penalty":0,"logit_bias":{},"modalities":["text"],"some_vendor_field":{"x":1},"response_format":{"type":"text"}""");
        var (response, _) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Chat_ConstrainedAndFreeConcurrently_EachGetsItsOwnOutput()
    {
        var free = Body(""","temperature":0,"max_tokens":20,"ignore_eos":true,"answer_cache":{"enabled":false}""", "A free request among constrained ones");
        var (_, alone) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", free);
        var schema = """{"type":"object","properties":{"n":{"type":"integer","minimum":1,"maximum":9},"w":{"enum":["x","y"]}},"required":["n","w"],"additionalProperties":false}""";
        var constrained = Enumerable.Range(0, 4).Select(i => Http.PostAsync(fixture.Host.Client, "/v1/chat/completions",
            Body($$$""","temperature":1,"seed":{{{i}}},"max_tokens":100,"response_format":{"type":"json_schema","json_schema":{"name":"s","strict":true,"schema":{{{schema}}}}}""", $"constrained {i}"))).ToList();
        var together = Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", free);
        var results = await Task.WhenAll(constrained);
        var (_, busy) = await together;

        Assert.Equal(Content(alone), Content(busy));
        foreach (var (_, json) in results)
        {
            SchemaAssert.Valid(JsonDocument.Parse(schema).RootElement, JsonDocument.Parse(Content(json)).RootElement);
        }
    }

    private static string Content(JsonElement body) => body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    private static string Body(string extra, string content = "hello") =>
        $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"{{content}}"}]{{extra}}}""";
}
