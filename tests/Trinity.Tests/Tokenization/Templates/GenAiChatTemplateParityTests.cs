using System.Text.Json;
using Trinity.Tests.Tokenization.Oracles;
using Trinity.Tokenization.Templates;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization.Templates;

/// <summary>Our Jinja interpreter against ONNX Runtime GenAI's <c>Tokenizer.ApplyChatTemplate</c> on the published
/// templates, over the built-in model's tokenizer folder (whose bos/eos tokens both sides use).</summary>
public sealed class GenAiChatTemplateParityTests : IDisposable
{
    private static readonly string[] Conversations =
    [
        """[{"role": "user", "content": "Hello"}]""",
        """
        [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "  Hi there  "},
         {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "What is 2+2? 😀 \"quoted\" 中文\nnew line"}]
        """,
        """[{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}, {"role": "system", "content": "late system"}, {"role": "user", "content": "c"}]""",
    ];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("trinity-chat-template-");
    private readonly GenAiTokenizerHost _genAi;
    private readonly Dictionary<string, string> _specialTokens = new() { ["bos_token"] = "<|endoftext|>", ["eos_token"] = "<|endoftext|>" };

    public GenAiChatTemplateParityTests()
    {
        var files = BuiltInTokenizerFiles.Create();
        files.WriteTo(_folder.FullName);
        _genAi = new GenAiTokenizerHost(_folder.FullName, BuiltInTokenizerFiles.DefaultVocabSize);
    }

    public static TheoryData<string> Templates => new() { "llama3", "qwen25", "phi3", "builtin" };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_PublishedTemplate_MatchesGenAiApplyChatTemplate(string name)
    {
        var source = name switch
        {
            "llama3" => PublishedTemplates.Llama3,
            "qwen25" => PublishedTemplates.Qwen25,
            "phi3" => PublishedTemplates.Phi3Mini,
            _ => BuiltInTokenizerFiles.ChatTemplate,
        };
        var ours = new JinjaChatTemplate(source, _specialTokens);

        foreach (var conversation in Conversations)
        {
            using var messages = JsonDocument.Parse(conversation);
            foreach (var addGenerationPrompt in new[] { true, false })
            {
                var expected = _genAi.Tokenizer.ApplyChatTemplate(source, conversation, null, addGenerationPrompt);
                Assert.Equal(expected, ours.Render(messages.RootElement, null, addGenerationPrompt));
            }
        }
    }

    [Fact]
    public void Render_Qwen25ToolsBranch_MatchesGenAiApplyChatTemplate()
    {
        // GenAI rewrites tool definitions into its own shape ({name, description, parameters: {arg: {type}}}) before
        // rendering, where Hugging Face passes them as given; tools already in that shape go through unchanged.
        const string tools = """[{"name": "get_weather", "description": "Weather now", "parameters": {"city": {"type": "str"}}}]""";
        var ours = new JinjaChatTemplate(PublishedTemplates.Qwen25, _specialTokens);
        using var messages = JsonDocument.Parse(ChatTemplateTests.QwenToolConversation);
        using var toolsJson = JsonDocument.Parse(tools);

        var expected = _genAi.Tokenizer.ApplyChatTemplate(PublishedTemplates.Qwen25, ChatTemplateTests.QwenToolConversation, tools, true);

        Assert.Equal(expected, ours.Render(messages.RootElement, toolsJson.RootElement, addGenerationPrompt: true));
        Assert.Contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": 2}}", expected, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _genAi.Dispose();
        _folder.Delete(recursive: true);
    }
}
