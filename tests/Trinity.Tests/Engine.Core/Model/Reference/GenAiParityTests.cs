using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model.Reference;

namespace Trinity.Tests.Engine.Core.Model.Reference;

/// <summary>Trinity's engine and ONNX Runtime GenAI's own loop, same model folder, greedy: identical tokens.</summary>
public sealed class GenAiParityTests
{
    public static TheoryData<string> Prompts => new()
    {
        "Hello, world!",
        "Grüße aus Köln — 日本語のテキスト, emoji 🎉👩‍👩‍👧 and Ünïcödé.",
        "a",
        "    indented   with    whitespace\n\n\ttabs\r\n",
        string.Concat(Enumerable.Repeat("The shared vector pool serves every retrieval of every request. ", 60)),
        "<|im_start|>user\nWhat is PD disaggregation?<|im_end|>\n<|im_start|>assistant\n",
    };

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task GreedyTokens_TrinityAndGenAi_AreIdentical(string prompt)
    {
        var model = TestModels.TinyModel;
        using var reference = new GenAiReference(model.Directory);
        var genAiPrompt = reference.Encode(prompt);
        var trinityPrompt = model.Tokenizer.Encode(prompt);
        Assert.Equal(genAiPrompt, trinityPrompt);

        using var engine = new InProcessEngine(model, new EngineOptions());
        var request = new GenerationRequest { RequestId = "parity", PromptTokens = trinityPrompt, MaxTokens = 32 };
        var (tokens, _, _) = await engine.GenerateAsync(request, CancellationToken.None).CollectAsync();
        var expected = reference.Generate(genAiPrompt, 32, SamplingParams.Greedy);

        Assert.NotEmpty(tokens);
        Assert.Equal(expected, tokens);
    }
}
