using Trinity.Gateway.OpenAi.Structured;
using Trinity.Tests.Tokenization.Templates;
using Trinity.Tokenization;
using Trinity.Tokenization.Templates;

namespace Trinity.Tests.Gateway.OpenAi.Structured;

/// <summary>Tool calls found in model output per template family, and tools rendered by published templates.</summary>
public sealed class ToolCallParserTests
{
    private static readonly ToolPlan Plan = new([new ToolDefinition("get_weather", "{}")], ToolChoiceMode.Auto, null, true, """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""");

    [Fact]
    public void ParseAuto_HermesBlocks_CallsAndRemainingContent()
    {
        var (content, calls) = ToolCallParser.ParseAuto("Let me check.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>", ToolCallFormat.Hermes, Plan);
        Assert.Equal("Let me check.", content);
        var call = Assert.Single(calls);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("{\"city\": \"Oslo\"}", call.Arguments);
    }

    [Fact]
    public void ParseAuto_Llama3Json_ParametersBecomeArguments()
    {
        var (content, calls) = ToolCallParser.ParseAuto("<|python_tag|>{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Rome\"}}", ToolCallFormat.Llama3Json, Plan);
        Assert.Null(content);
        Assert.Equal("{\"city\": \"Rome\"}", Assert.Single(calls).Arguments);
    }

    [Fact]
    public void ParseAuto_MistralArray_AllCalls()
    {
        var (_, calls) = ToolCallParser.ParseAuto("[TOOL_CALLS][{\"name\":\"get_weather\",\"arguments\":{\"city\":\"A\"}},{\"name\":\"get_weather\",\"arguments\":{\"city\":\"B\"}}]", ToolCallFormat.Mistral, Plan);
        Assert.Equal(["{\"city\":\"A\"}", "{\"city\":\"B\"}"], calls.Select(c => c.Arguments));
    }

    [Theory]
    [InlineData("Just text, no call.")]
    [InlineData("<tool_call>{\"name\": \"unknown_tool\", \"arguments\": {}}</tool_call>")]
    [InlineData("<tool_call>{not json</tool_call>")]
    public void ParseAuto_NotACall_StaysContent(string text)
    {
        var (content, calls) = ToolCallParser.ParseAuto(text, ToolCallFormat.Hermes, Plan);
        Assert.Empty(calls);
        Assert.Equal(text, content);
    }

    [Fact]
    public void Render_Qwen25WithTools_ListsToolsAndReplaysCalls()
    {
        var template = (IChatTemplate)new JinjaChatTemplate(PublishedTemplates.Qwen25, new Dictionary<string, string>());
        ChatMessage[] messages =
        [
            new("user", "Weather?"),
            new("assistant", string.Empty) { ToolCalls = [new ChatToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}")] },
            new("tool", "{\"temp\":3}") { ToolCallId = "call_1" },
        ];
        var text = template.Render(messages, Plan.ToolsJson, addGenerationPrompt: true);
        Assert.Equal(ToolCallFormat.Hermes, template.ToolCallFormat);
        Assert.Contains("<tools>", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"get_weather\"", text, StringComparison.Ordinal);
        Assert.Contains("{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}", text, StringComparison.Ordinal);
        Assert.Contains("<tool_response>\n{\"temp\":3}\n</tool_response>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Llama31WithTools_IsLlama3JsonFamily()
    {
        var template = (IChatTemplate)new JinjaChatTemplate(PublishedTemplates.Llama31, new Dictionary<string, string> { ["bos_token"] = "<|begin_of_text|>" });
        var text = template.Render([new ChatMessage("user", "Weather?")], Plan.ToolsJson, addGenerationPrompt: true);
        Assert.Equal(ToolCallFormat.Llama3Json, template.ToolCallFormat);
        Assert.Contains("get_weather", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TemplateWithoutTools_GetsHermesSystemPrompt()
    {
        var template = new ChatMlTemplate();
        var text = ((IChatTemplate)template).Render([new ChatMessage("user", "Hi")], Plan.ToolsJson, addGenerationPrompt: true);
        Assert.StartsWith("<|im_start|>system\n# Tools", text, StringComparison.Ordinal);
        Assert.Contains("<tool_call>", text, StringComparison.Ordinal);
    }
}
