using System.Text.Json.Nodes;
using Trinity.Tests.Tokenization.Oracles;
using Trinity.Tokenization;
using Trinity.Tokenization.Normalization;

namespace Trinity.Tests.Tokenization.Normalization;

/// <summary>Our managed NFC/NFD against JavaScript's <c>String.prototype.normalize</c> (ICU), and an NFC tokenizer
/// (Qwen2 style) against tiktoken on pre-normalized text.</summary>
[Collection(TokenizerOracleCollection.Name)]
public sealed class UnicodeNormalizationTests
{
    private readonly TokenizerOracleFixture _oracles;

    public UnicodeNormalizationTests(TokenizerOracleFixture oracles) => _oracles = oracles;

    [Fact]
    public void ToNfc_DecomposedText_MatchesIcu() =>
        AssertCodePoints(_oracles.Expected["nfc"], UnicodeNormalizer.ToNfc);

    [Fact]
    public void ToNfd_ComposedText_MatchesIcu() =>
        AssertCodePoints(_oracles.Expected["nfd"], UnicodeNormalizer.ToNfd);

    [Fact]
    public void Encode_NfcNormalizerOnCl100k_MatchesTiktokenOnNormalizedText()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(_oracles.Cl100kFolder, "tokenizer.json")))!;
        root["normalizer"] = new JsonObject { ["type"] = "NFC" };
        var tokenizer = BpeTokenizer.FromJson(root.ToJsonString());

        for (var i = 0; i < OracleStrings.Decomposed.Count; i++)
        {
            Assert.Equal(_oracles.Expected["cl100k_after_nfc"][i], tokenizer.Encode(OracleStrings.Decomposed[i]));
        }
    }

    private static void AssertCodePoints(int[][] expected, Func<string, string> normalize)
    {
        for (var i = 0; i < OracleStrings.Decomposed.Count; i++)
        {
            var actual = normalize(OracleStrings.Decomposed[i]).EnumerateRunes().Select(r => r.Value).ToArray();
            Assert.Equal(expected[i], actual);
        }
    }
}
