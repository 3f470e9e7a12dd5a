using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using Trinity.Tests.Gateway.Engines;

namespace Trinity.Tests.Gateway.OpenAi;

/// <summary>Tool calling and logprobs with the official OpenAI .NET SDK against the gateway with the built-in model.</summary>
public sealed class ToolCallingTests(RealModelFixture fixture) : IClassFixture<RealModelFixture>
{
    private const string Model = "trinity-tiny";

    private const string WeatherParameters = """{"type":"object","properties":{"city":{"type":"string","maxLength":12},"unit":{"enum":["c","f"]},"days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","unit","days"],"additionalProperties":false}""";

    private const string TimeParameters = """{"type":"object","properties":{"zone":{"enum":["utc","cet","pst"]}},"required":["zone"],"additionalProperties":false}""";

    private ChatClient Chat => new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Host.BaseAddress, "/v1") }).GetChatClient(Model);

    private static ChatTool[] Tools =>
    [
        ChatTool.CreateFunctionTool("get_weather", "Weather forecast", BinaryData.FromString(WeatherParameters)),
        ChatTool.CreateFunctionTool("get_time", "Current time", BinaryData.FromString(TimeParameters)),
    ];

    private static string ParametersOf(string name) => name == "get_weather" ? WeatherParameters : TimeParameters;

    private static ChatCompletionOptions Options(ChatToolChoice choice, bool parallel = false, float temperature = 0)
    {
        var options = new ChatCompletionOptions { Temperature = temperature, MaxOutputTokenCount = parallel ? null : 300, ToolChoice = choice, AllowParallelToolCalls = parallel };
        foreach (var tool in Tools)
        {
            options.Tools.Add(tool);
        }

        return options;
    }

    [Fact]
    public async Task Sdk_NamedToolChoice_ReturnsValidCallToThatFunction()
    {
        ChatCompletion completion = await Chat.CompleteChatAsync([new UserChatMessage("Weather in Paris?")], Options(ChatToolChoice.CreateFunctionChoice("get_weather")));

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        SchemaAssert.Valid(JsonDocument.Parse(WeatherParameters).RootElement, JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sdk_RequiredToolChoice_ReturnsValidCalls(bool parallel)
    {
        foreach (var temperature in new[] { 0f, 1f })
        {
            ChatCompletion completion = await Chat.CompleteChatAsync([new UserChatMessage("Do something useful")], Options(ChatToolChoice.CreateRequiredChoice(), parallel, temperature));

            Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
            Assert.NotEmpty(completion.ToolCalls);
            if (!parallel)
            {
                Assert.Single(completion.ToolCalls);
            }

            foreach (var call in completion.ToolCalls)
            {
                Assert.Contains(call.FunctionName, new[] { "get_weather", "get_time" });
                SchemaAssert.Valid(JsonDocument.Parse(ParametersOf(call.FunctionName)).RootElement, JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement);
            }
        }
    }

    [Theory]
    [InlineData("named")]
    [InlineData("required")]
    public async Task Sdk_StreamedToolCalls_ConcatenateToTheNonStreamedCall(string mode)
    {
        var choice = mode == "named" ? ChatToolChoice.CreateFunctionChoice("get_time") : ChatToolChoice.CreateRequiredChoice();
        ChatCompletion complete = await Chat.CompleteChatAsync([new UserChatMessage("What time is it?")], Options(choice));
        var names = new Dictionary<int, string>();
        var ids = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        ChatFinishReason? finish = null;
        await foreach (var update in Chat.CompleteChatStreamingAsync([new UserChatMessage("What time is it?")], Options(choice)))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                if (part.FunctionName is not null)
                {
                    names[part.Index] = part.FunctionName;
                }

                if (part.ToolCallId is not null)
                {
                    ids[part.Index] = part.ToolCallId;
                }

                (arguments.TryGetValue(part.Index, out var b) ? b : arguments[part.Index] = new StringBuilder()).Append(part.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal(complete.ToolCalls.Count, names.Count);
        for (var i = 0; i < complete.ToolCalls.Count; i++)
        {
            Assert.Equal(complete.ToolCalls[i].FunctionName, names[i]);
            Assert.Equal(complete.ToolCalls[i].FunctionArguments.ToString(), arguments[i].ToString());
            Assert.StartsWith("call_", ids[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sdk_ToolHistory_IsAcceptedAndRendered()
    {
        ChatMessage[] messages =
        [
            new UserChatMessage("Weather in Oslo?"),
            new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall("call_1", "get_weather", BinaryData.FromString("""{"city":"Oslo","unit":"c","days":1}"""))]),
            new ToolChatMessage("call_1", """{"temp":3}"""),
        ];
        ChatCompletion completion = await Chat.CompleteChatAsync(messages, new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 8, Tools = { Tools[0] } });
        Assert.Contains(completion.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length, ChatFinishReason.ToolCalls });
        Assert.True(completion.Usage.InputTokenCount > 20);
    }

    [Fact]
    public async Task Sdk_LogprobsAtTemperatureZero_ChosenTokenIsTopOne()
    {
        ChatCompletion completion = await Chat.CompleteChatAsync(
            [new UserChatMessage("Log probabilities")],
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 10, IncludeLogProbabilities = true, TopLogProbabilityCount = 5 });

        Assert.Equal(completion.Usage.OutputTokenCount, completion.ContentTokenLogProbabilities.Count);
        foreach (var token in completion.ContentTokenLogProbabilities)
        {
            Assert.Equal(5, token.TopLogProbabilities.Count);
            Assert.Equal(token.Token, token.TopLogProbabilities[0].Token);
            Assert.Equal(token.LogProbability, token.TopLogProbabilities[0].LogProbability);
            Assert.Equal(token.Utf8Bytes!.Value.ToArray(), token.TopLogProbabilities[0].Utf8Bytes!.Value.ToArray());
            Assert.True(token.LogProbability <= 0);
        }

        Assert.Equal(completion.Content[0].Text, Encoding.UTF8.GetString(completion.ContentTokenLogProbabilities.SelectMany(t => t.Utf8Bytes!.Value.ToArray()).ToArray()));
    }

    [Fact]
    public async Task Sdk_StreamedLogprobs_EqualNonStreamed()
    {
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 10, IncludeLogProbabilities = true, TopLogProbabilityCount = 2 };
        ChatCompletion complete = await Chat.CompleteChatAsync([new UserChatMessage("Stream logprobs")], options);
        var streamed = new List<ChatTokenLogProbabilityDetails>();
        await foreach (var update in Chat.CompleteChatStreamingAsync([new UserChatMessage("Stream logprobs")], options))
        {
            streamed.AddRange(update.ContentTokenLogProbabilities);
        }

        Assert.Equal(complete.ContentTokenLogProbabilities.Select(t => (t.Token, t.LogProbability)), streamed.Select(t => (t.Token, t.LogProbability)));
    }

    [Fact]
    public async Task Completions_Logprobs_LegacyShape()
    {
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/completions", $$"""{"model":"{{Model}}","prompt":"Once upon","max_tokens":6,"temperature":0,"logprobs":3}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = json.GetProperty("choices")[0];
        var logprobs = choice.GetProperty("logprobs");
        var tokens = logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()).ToArray();
        var values = logprobs.GetProperty("token_logprobs").EnumerateArray().Select(t => t.GetSingle()).ToArray();
        var top = logprobs.GetProperty("top_logprobs").EnumerateArray().ToArray();
        var offsets = logprobs.GetProperty("text_offset").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        Assert.Equal(6, tokens.Length);
        Assert.Equal(6, values.Length);
        Assert.Equal(6, offsets.Length);
        Assert.Equal(0, offsets[0]);
        for (var i = 0; i < 6; i++)
        {
            var best = top[i].EnumerateObject().MaxBy(p => p.Value.GetSingle())!;
            Assert.Equal(tokens[i], best.Name);
            Assert.Equal(values[i], best.Value.GetSingle());
            Assert.InRange(top[i].EnumerateObject().Count(), 1, 3);
        }
    }

    [Theory]
    [InlineData(""","logprobs":6""", "logprobs")]
    [InlineData(""","logprobs":1,"echo":true""", "echo")]
    [InlineData(""","best_of":3""", "best_of")]
    [InlineData(""","response_format":{"type":"yaml"}""", "response_format.type")]
    public async Task Completions_UnhonourableField_Is400NamingIt(string extra, string param)
    {
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/completions", $$"""{"model":"{{Model}}","prompt":"x"{{extra}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, Http.AssertError(json).GetProperty("param").GetString());
    }

    [Fact]
    public async Task Completions_ResponseFormatExtension_ConstrainsText()
    {
        var (_, json) = await Http.PostAsync(fixture.Host.Client, "/v1/completions",
            """{"model":"trinity-tiny","prompt":"Data:","max_tokens":200,"temperature":0,"response_format":{"type":"json_schema","json_schema":{"name":"d","schema":{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}}}}""");
        var text = json.GetProperty("choices")[0].GetProperty("text").GetString()!;
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
        Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("ok", out _));
    }

    [Theory]
    [InlineData(""","tools":[{"type":"retrieval"}]""", "tools[0].type")]
    [InlineData(""","tools":[{"type":"function","function":{"name":"bad name"}}]""", "tools[0].function.name")]
    [InlineData(""","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","patternProperties":{}}}}]""", "tools[0].function.parameters")]
    [InlineData(""","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}}""", "tool_choice.function.name")]
    [InlineData(",\"tool_choice\":\"required\"", "tool_choice")]
    public async Task Chat_BadTools_Is400NamingTheParameter(string extra, string param)
    {
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"x"}]{{extra}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, Http.AssertError(json).GetProperty("param").GetString());
    }
}
