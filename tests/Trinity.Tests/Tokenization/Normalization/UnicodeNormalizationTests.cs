using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Trinity.Tests.Tokenization.Oracles;
using Trinity.Tokenization;

namespace Trinity.Tests.Tokenization.Normalization;

/// <summary>The tokenizer's NFC/NFD (string.Normalize, ICU) against JavaScript's <c>String.prototype.normalize</c>, and
/// an NFC tokenizer (Qwen2 style) against tiktoken on pre-normalized text.</summary>
[Collection(TokenizerOracleCollection.Name)]
public sealed class UnicodeNormalizationTests
{
    private readonly TokenizerOracleFixture _oracles;

    public UnicodeNormalizationTests(TokenizerOracleFixture oracles) => _oracles = oracles;

    [Fact]
    public void Nfc_DecomposedText_MatchesJavaScript() =>
        AssertCodePoints(_oracles.Expected["nfc"], Normalizer("NFC"));

    [Fact]
    public void Nfd_ComposedText_MatchesJavaScript() =>
        AssertCodePoints(_oracles.Expected["nfd"], Normalizer("NFD"));

    // Escaped in the data (xunit does not carry a lone surrogate through its test data), unescaped in the test.
    [Theory]
    [InlineData("NFD", "\\u00C0", "A\\u0300")]
    [InlineData("NFKC", "\\uFB01 \\uFF21", "fi A")]
    [InlineData("NFKD", "\\u00BD", "1\\u20442")]
    [InlineData("NFC", "a\\uD800e\\u0301", "a\\uFFFD\\u00E9")]
    public void Normalizer_Form_GivesUnicodeResult(string form, string input, string expected) =>
        Assert.Equal(Regex.Unescape(expected), Normalizer(form)(Regex.Unescape(input)));

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

    private static Func<string, string> Normalizer(string form) =>
        NormalizerFactory.Create(JsonDocument.Parse($$"""{"type":"{{form}}"}""").RootElement)!;

    private static void AssertCodePoints(int[][] expected, Func<string, string> normalize)
    {
        for (var i = 0; i < OracleStrings.Decomposed.Count; i++)
        {
            var actual = normalize(OracleStrings.Decomposed[i]).EnumerateRunes().Select(r => r.Value).ToArray();
            Assert.Equal(expected[i], actual);
        }
    }
}
