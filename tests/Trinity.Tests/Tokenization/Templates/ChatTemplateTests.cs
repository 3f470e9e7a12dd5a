using System.Text.Json;
using Trinity.Tokenization;
using Trinity.Tokenization.Templates;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization.Templates;

/// <summary>The published chat templates rendered by our interpreter, against the prompts those models expect
/// (worked out by hand from Jinja2's semantics under Hugging Face's settings).</summary>
public sealed class ChatTemplateTests
{
    private static readonly Dictionary<string, string> LlamaTokens = new() { ["bos_token"] = "<|begin_of_text|>", ["eos_token"] = "<|eot_id|>" };

    [Fact]
    public void Render_Llama3Template_TrimsContentAndAddsHeaders()
    {
        var template = new JinjaChatTemplate(PublishedTemplates.Llama3, LlamaTokens);

        var prompt = template.Render([new("system", "You are a helpful assistant."), new("user", "  Hello!  ")]);

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nHello!<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Render_Llama31Template_ExtractsSystemMessageAndDates()
    {
        var template = new JinjaChatTemplate(PublishedTemplates.Llama31, LlamaTokens);

        var prompt = template.Render([new("system", "You are terse."), new("user", "  Hi there  ")]);

        // The two blank lines after BOS come from the template's {# #} comments: Jinja trims the newline after a
        // comment but keeps the one before it.
        Assert.Equal(
            "<|begin_of_text|>\n\n<|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n"
            + "Today Date: 26 Jul 2024\n\nYou are terse.<|eot_id|>\n\n<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Render_Llama31TemplateWithTools_PutsIndentedJsonInFirstUserMessage()
    {
        var template = new JinjaChatTemplate(PublishedTemplates.Llama31, LlamaTokens);
        using var messages = JsonDocument.Parse("""[{"role": "user", "content": "What's the weather?"}]""");
        using var tools = JsonDocument.Parse("""[{"name": "f", "parameters": {"type": "object"}}]""");

        var prompt = template.Render(messages.RootElement, tools.RootElement, addGenerationPrompt: true);

        Assert.Equal(
            "<|begin_of_text|>\n\n<|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\nCutting Knowledge Date: December 2023\n"
            + "Today Date: 26 Jul 2024\n\n<|eot_id|>\n\n<|start_header_id|>user<|end_header_id|>\n\n"
            + "Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n\n"
            + "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}.Do not use variables.\n\n"
            + "{\n    \"name\": \"f\",\n    \"parameters\": {\n        \"type\": \"object\"\n    }\n}\n\n"
            + "What's the weather?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Render_Llama31TemplateWithTwoToolCalls_RaisesTemplateError()
    {
        var template = new JinjaChatTemplate(PublishedTemplates.Llama31, LlamaTokens);
        using var messages = JsonDocument.Parse("""
            [{"role": "user", "content": "x"},
             {"role": "assistant", "tool_calls": [{"function": {"name": "a", "arguments": {}}}, {"function": {"name": "b", "arguments": {}}}]}]
            """);

        var error = Assert.Throws<ChatTemplateException>(() => template.Render(messages.RootElement, null, addGenerationPrompt: true));

        Assert.True(error.RaisedByTemplate);
        Assert.Equal("This model only supports single tool-calls at once!", error.Message);
    }

    [Fact]
    public void Render_Qwen25Template_AddsDefaultSystemPrompt()
    {
        var template = new JinjaChatTemplate(PublishedTemplates.Qwen25, new Dictionary<string, string> { ["eos_token"] = "<|im_end|>" });

        var prompt = template.Render([new("user", "Hi")]);

        Assert.Equal(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Render_Qwen25TemplateWithToolsAndToolCalls_RendersToolBranch()
    {
        var template = new JinjaChatTemplate(PublishedTemplates.Qwen25, new Dictionary<string, string>());
        using var messages = JsonDocument.Parse(QwenToolConversation);
        using var tools = JsonDocument.Parse(QwenTools);

        var prompt = template.Render(messages.RootElement, tools.RootElement, addGenerationPrompt: true);

        Assert.Equal(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.\n\n# Tools\n\n"
            + "You may call one or more functions to assist with the user query.\n\n"
            + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
            + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}}}\n"
            + "</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n"
            + "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n"
            + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
            + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": 2}}\n</tool_call><|im_end|>\n"
            + "<|im_start|>user\n<tool_response>\n{\"temp\": 21}\n</tool_response><|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Render_Phi3Template_WithoutGenerationPromptEndsWithEos()
    {
        var template = new JinjaChatTemplate(PublishedTemplates.Phi3Mini, new Dictionary<string, string> { ["bos_token"] = "<s>", ["eos_token"] = "<|endoftext|>" });

        var prompt = template.Render([new("system", "Be brief."), new("user", "Hi"), new("assistant", "Hello.")], addGenerationPrompt: false);

        Assert.Equal("<|system|>\nBe brief.<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\nHello.<|end|>\n<|endoftext|>", prompt);
    }

    [Fact]
    public void FromTokenizerConfig_BuiltInModel_RendersChatMlThatEncodesToSpecialTokens()
    {
        var files = BuiltInTokenizerFiles.Create();
        var template = ChatTemplateFactory.FromTokenizerConfigJson(files.TokenizerConfigJson);
        var tokenizer = BpeTokenizer.FromJson(files.TokenizerJson);

        var prompt = template.Render([new("system", "S"), new("user", "Hello")]);
        var ids = tokenizer.Encode(prompt);

        Assert.Equal("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n", prompt);
        Assert.Equal(files.ImStartId, ids[0]);
        Assert.Equal(3, ids.Count(id => id == files.ImStartId));
        Assert.Equal(2, ids.Count(id => id == files.ImEndId));
    }

    [Fact]
    public void FromTokenizerConfigJson_NamedTemplatesAndTokenObjects_UsesDefaultTemplateAndTokenContent()
    {
        const string config = """
            {
              "bos_token": {"__type": "AddedToken", "content": "<s>", "lstrip": false},
              "chat_template": [{"name": "tool_use", "template": "tools"}, {"name": "default", "template": "{{ bos_token }}{{ messages[0].content }}"}]
            }
            """;

        var template = ChatTemplateFactory.FromTokenizerConfigJson(config);

        Assert.Equal("<s>hi", template.Render([new("user", "hi")]));
    }

    [Fact]
    public void FromTokenizerConfigJson_NoTemplate_ThrowsChatTemplateException() =>
        Assert.Throws<ChatTemplateException>(() => ChatTemplateFactory.FromTokenizerConfigJson("""{"bos_token": "<s>"}"""));

    internal const string QwenToolConversation = """
        [
          {"role": "user", "content": "Weather in Paris?"},
          {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris", "days": 2}}}]},
          {"role": "tool", "content": "{\"temp\": 21}"}
        ]
        """;

    internal const string QwenTools = """
        [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]
        """;
}
