using System.Text;
using Trinity.Tests.Tokenization.Oracles;
using Trinity.Tokenization;

namespace Trinity.Tests.Tokenization;

/// <summary>Our tokenizer on real vocabularies against independent implementations: tiktoken (Rust, via WebAssembly)
/// and gpt-3-encoder (GPT-2's original algorithm in JavaScript), both fetched from npm by the fixture.</summary>
[Collection(TokenizerOracleCollection.Name)]
public sealed class RealVocabularyParityTests
{
    private readonly TokenizerOracleFixture _oracles;

    public RealVocabularyParityTests(TokenizerOracleFixture oracles) => _oracles = oracles;

    [Fact]
    public void Encode_Cl100kVocabulary_MatchesTiktoken() => AssertSameIds(_oracles.Cl100k, "cl100k_base", includeSpecials: true);

    [Fact]
    public void Encode_O200kVocabulary_MatchesTiktoken() => AssertSameIds(_oracles.O200k, "o200k_base", includeSpecials: true);

    [Fact]
    public void Encode_Qwen2SingleDigitPattern_MatchesTiktokenWithSamePattern() =>
        AssertSameIds(_oracles.Qwen2Pattern, "qwen2_on_cl100k", includeSpecials: true);

    [Fact]
    public void Encode_Gpt2Vocabulary_MatchesTiktokenR50k() => AssertSameIds(_oracles.Gpt2, "r50k_base", includeSpecials: true);

    [Fact]
    public void Encode_Gpt2Vocabulary_MatchesGpt3Encoder() => AssertSameIds(_oracles.Gpt2, "gpt3_encoder", includeSpecials: false);

    [Fact]
    public void Decode_EncodedStrings_RoundTripOnEveryVocabulary()
    {
        foreach (var tokenizer in new[] { _oracles.Gpt2, _oracles.Cl100k, _oracles.O200k, _oracles.Qwen2Pattern })
        {
            foreach (var text in _oracles.Strings)
            {
                Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
            }
        }
    }

    [Fact]
    public void StreamingDecode_EveryTokenBoundary_NeverEmitsBrokenCharacters()
    {
        foreach (var tokenizer in new[] { _oracles.Gpt2, _oracles.Cl100k, _oracles.O200k })
        {
            foreach (var text in _oracles.Strings)
            {
                var decoder = tokenizer.CreateStreamingDecoder(skipSpecialTokens: false);
                var streamed = new StringBuilder();
                foreach (var id in tokenizer.Encode(text))
                {
                    var piece = decoder.Push(id);
                    Assert.DoesNotContain('\uFFFD', piece);
                    Assert.True(IsWellFormed(piece), $"Broken UTF-16 emitted while decoding '{text}'.");
                    streamed.Append(piece);
                }

                streamed.Append(decoder.Flush());
                Assert.Equal(text, streamed.ToString());
            }
        }
    }

    private void AssertSameIds(BpeTokenizer tokenizer, string oracle, bool includeSpecials)
    {
        var expected = _oracles.Expected[oracle];
        var count = includeSpecials ? _oracles.Strings.Count : OracleStrings.Plain.Count;
        var mismatches = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var actual = tokenizer.Encode(_oracles.Strings[i]);
            if (!actual.AsSpan().SequenceEqual(expected[i]))
            {
                mismatches.Add($"\"{_oracles.Strings[i]}\"\n  {oracle}: [{string.Join(",", expected[i])}]\n  ours: [{string.Join(",", actual)}]");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {count} strings differ from {oracle}:\n{string.Join("\n", mismatches)}");
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
