using Trinity.Tests.Tokenization.Oracles;
using Trinity.Tokenization;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization;

/// <summary>Our tokenizer against ONNX Runtime GenAI's (onnxruntime-extensions) on the same tokenizer.json files.
/// Ids are compared, not text: GenAI's Decode truncates at the first invalid UTF-8 sequence.</summary>
[Collection(TokenizerOracleCollection.Name)]
public sealed class GenAiTokenizerParityTests
{
    private readonly TokenizerOracleFixture _oracles;

    public GenAiTokenizerParityTests(TokenizerOracleFixture oracles) => _oracles = oracles;

    [Theory]
    [InlineData(300)]
    [InlineData(1024)]
    [InlineData(4096)]
    public void Encode_BuiltInTokenizer_MatchesGenAi(int vocabSize)
    {
        var folder = Directory.CreateTempSubdirectory("trinity-tokenizer-");
        try
        {
            BuiltInTokenizerFiles.Create(vocabSize).WriteTo(folder.FullName);
            var ours = BpeTokenizer.FromFile(Path.Combine(folder.FullName, "tokenizer.json"));
            string[] chat = ["<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n", "<|endoftext|><|reserved_0|>"];
            AssertSameIds(folder.FullName, ours, [.. _oracles.Strings, .. chat]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Encode_Gpt2Vocabulary_MatchesGenAi() => AssertSameIds(_oracles.Gpt2Folder, _oracles.Gpt2, _oracles.Strings);

    [Fact]
    public void Encode_Cl100kVocabulary_MatchesGenAi() => AssertSameIds(_oracles.Cl100kFolder, _oracles.Cl100k, _oracles.Strings);

    [Fact]
    public void Encode_O200kVocabulary_MatchesGenAi() => AssertSameIds(_oracles.O200kFolder, _oracles.O200k, _oracles.Strings);

    private static void AssertSameIds(string folder, BpeTokenizer ours, IReadOnlyList<string> strings)
    {
        using var genAi = new GenAiTokenizerHost(folder, ours.VocabSize);
        var mismatches = new List<string>();
        foreach (var text in strings)
        {
            var expected = genAi.Encode(text);
            var actual = ours.Encode(text);
            if (!actual.AsSpan().SequenceEqual(expected))
            {
                mismatches.Add($"\"{text}\"\n  genai: [{string.Join(",", expected)}]\n  ours:  [{string.Join(",", actual)}]");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {strings.Count} strings differ from GenAI:\n{string.Join("\n", mismatches)}");
    }
}
