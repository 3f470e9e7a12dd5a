using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model;
using Trinity.Engine.Model.Reference;
using Trinity.Tests.Tokenization.SentencePiece;

namespace Trinity.Tests.Engine.Core.Model;

/// <summary><see cref="ModelFolder.Open"/> picks the tokenizer from tokenizer.json's contents and refuses the kinds it
/// does not implement with one line.</summary>
public sealed class ModelFolderTests : IDisposable
{
    private readonly string _folder = TestModels.TempDirectory("model-folder");

    [Fact]
    public void Open_SentencePieceTokenizerJson_TokenizesAsGenAiDoes()
    {
        SpmStyleModelFolder.Create(_folder, new SpmStyleOptions { ExtraTokens = SpmStyleForms.Phi3Tokens, AddBosToken = false });
        const string prompt = "<|user|>\nHow far is the lighthouse?\nFar. 🌊 灯台<|end|>\n<|assistant|>\n";

        var model = ModelFolder.Open(_folder);
        using var reference = new GenAiReference(_folder);

        var ids = model.Tokenizer.Encode(prompt);
        Assert.Equal(reference.Encode(prompt), ids);
        Assert.True(model.Tokenizer.TryGetTokenId("<0x0A>", out var newline));
        Assert.Contains(newline, ids);
        Assert.Equal("How far is the lighthouse? 🌊 灯台", model.Tokenizer.Decode(model.Tokenizer.Encode("How far is the lighthouse? 🌊 灯台", addSpecialTokens: true), skipSpecialTokens: true));
    }

    [Fact]
    public async Task Generate_SentencePieceModelFolder_SameTokensAsGenAiAndStreamedTextAsDecode()
    {
        SpmStyleModelFolder.Create(_folder, new SpmStyleOptions { ExtraTokens = SpmStyleForms.Phi3Tokens, AddBosToken = false });
        var model = ModelFolder.Open(_folder);
        using var reference = new GenAiReference(_folder);
        var prompt = model.Tokenizer.Encode("<s><|user|>\nTell me about the lighthouse.<|end|>\n<|assistant|>\n");
        Assert.Equal(reference.Encode("<s><|user|>\nTell me about the lighthouse.<|end|>\n<|assistant|>\n"), prompt);

        using var engine = new InProcessEngine(model, new EngineOptions());
        var (tokens, text, _) = await engine.GenerateAsync(EngineTestExtensions.Request(prompt, 48), CancellationToken.None).CollectAsync();

        Assert.Equal(reference.Generate(prompt, 48, SamplingParams.Greedy, ignoreEos: true), tokens);
        var stream = model.Tokenizer.CreateStreamingDecoder();
        Assert.Equal(string.Concat(tokens.Select(stream.Push)) + stream.Flush(), text);

        // The untrained model mixes byte tokens freely, invalid runs included; the stream matches the whole decode
        // (it could not if a run held valid characters before its invalid bytes: see SentencePieceStreamingDecoder).
        Assert.Equal(model.Tokenizer.Decode(tokens, skipSpecialTokens: true), text);
    }

    [Fact]
    public void Open_ByteLevelTokenizerJson_KeepsTheByteLevelTokenizer()
    {
        var model = TestModels.TinyModel;

        Assert.False(model.Tokenizer.TryGetTokenId("<0x0A>", out _));
        Assert.Equal("a  b 🌊", model.Tokenizer.Decode(model.Tokenizer.Encode("a  b 🌊")));
    }

    [Theory]
    [InlineData("Unigram", """{"model": {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0], ["▁a", -1.0]]}}""")]
    [InlineData("WordPiece", """{"model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "vocab": {"[UNK]": 0, "a": 1}}}""")]
    public void Open_UnsupportedTokenizerModel_FailsWithOneClearLine(string type, string tokenizerJson)
    {
        SpmStyleModelFolder.Create(_folder, new SpmStyleOptions());
        File.WriteAllText(Path.Combine(_folder, "tokenizer.json"), tokenizerJson);

        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Open(_folder));

        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{type}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
