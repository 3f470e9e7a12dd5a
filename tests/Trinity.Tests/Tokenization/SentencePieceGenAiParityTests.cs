using Trinity.Tests.Tokenization.Oracles;
using Trinity.Tests.Tokenization.SentencePiece;
using Trinity.Tokenization;

namespace Trinity.Tests.Tokenization;

/// <summary>Our tokenizer against ONNX Runtime GenAI's on SentencePiece-style files in the layouts Llama 2, Mistral and
/// Phi-3 publish, in model folders GenAI loads. Ids are compared first (GenAI's Decode truncates at the first invalid
/// UTF-8), with GenAI's default (no special tokens) and with its <c>add_special_tokens</c> option. Where GenAI is known
/// to differ from Hugging Face (<see cref="SpmStyleStrings.GenAiDeviations"/>) ours must equal Hugging Face's.</summary>
[Collection(SpmStyleOracleCollection.Name)]
public sealed class SentencePieceGenAiParityTests
{
    private readonly SpmStyleOracleFixture _oracles;

    public SentencePieceGenAiParityTests(SpmStyleOracleFixture oracles) => _oracles = oracles;

    [Theory]
    [InlineData(SpmStyleForms.Llama2)]
    [InlineData(SpmStyleForms.Phi3)]
    public void Encode_PublishedLayout_MatchesGenAi(string layout)
    {
        var ours = Load(layout);
        var huggingFace = _oracles.HuggingFace(layout);
        using var genAi = GenAiTokenizerHost.OpenModelFolder(_oracles.Folder(layout));
        var mismatches = new List<string>();
        var deviations = 0;
        for (var i = 0; i < SpmStyleStrings.All.Count; i++)
        {
            var text = SpmStyleStrings.All[i];
            foreach (var (what, expected, actual, reference) in new[]
            {
                ("plain", genAi.Encode(text), ours.Encode(text), huggingFace.Plain[i]),
                ("with special tokens", genAi.EncodeWithSpecialTokens(text), ours.Encode(text, addSpecialTokens: true), huggingFace.WithSpecial[i]),
            })
            {
                if (expected.AsSpan().SequenceEqual(actual))
                {
                    continue;
                }

                if (SpmStyleStrings.GenAiDeviations.Contains(text) && actual.AsSpan().SequenceEqual(reference))
                {
                    deviations++;
                    continue;
                }

                mismatches.Add($"\"{text}\" ({what})\n  genai: [{string.Join(",", expected)}]\n  ours:  [{string.Join(",", actual)}]");
            }
        }

        Assert.True(mismatches.Count == 0, $"{layout}: {mismatches.Count} differ from GenAI:\n{string.Join("\n", mismatches)}");
        Assert.True(deviations <= 2 * SpmStyleStrings.GenAiDeviations.Count);
    }

    [Theory]
    [InlineData(SpmStyleForms.Llama2)]
    [InlineData(SpmStyleForms.Phi3)]
    public void Decode_PublishedLayout_MatchesGenAi(string layout)
    {
        var ours = Load(layout);
        using var genAi = GenAiTokenizerHost.OpenModelFolder(_oracles.Folder(layout));
        var mismatches = new List<string>();

        // GenAI always skips special tokens, drops the space after one, and gives U+FFFD for empty text, where
        // Hugging Face keeps the space and gives "": strings naming added tokens or decoding to nothing are left out.
        foreach (var text in SpmStyleStrings.All.Except(SpmStyleStrings.WithAddedTokens).Where(t => t.Length > 0))
        {
            var ids = ours.Encode(text, addSpecialTokens: true);
            var expected = genAi.Tokenizer.Decode(ids);
            var decoded = ours.Decode(ids, skipSpecialTokens: true);
            var stream = ours.CreateStreamingDecoder();
            var streamed = string.Concat(ids.Select(stream.Push)) + stream.Flush();
            if (decoded != expected || streamed != expected)
            {
                mismatches.Add($"\"{text}\"\n  genai:    \"{expected}\"\n  decode:   \"{decoded}\"\n  streamed: \"{streamed}\"");
            }
        }

        Assert.True(mismatches.Count == 0, $"{layout}: {mismatches.Count} differ from GenAI:\n{string.Join("\n", mismatches)}");
    }

    private BpeTokenizer Load(string layout) => BpeTokenizer.FromFile(Path.Combine(_oracles.Folder(layout), "tokenizer.json"));
}
