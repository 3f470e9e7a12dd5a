using System.Text.Json.Nodes;
using Trinity.Tokenization;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization;

/// <summary>tokenizer.json features on the built-in vocabulary, edited per test: added-token flags, merge formats,
/// <c>ignore_merges</c>, errors.</summary>
public sealed class BpeTokenizerTests
{
    private static readonly string BaseJson = BuiltInTokenizerFiles.Create(512).TokenizerJson;

    [Fact]
    public void Encode_AddedTokenWithLstripAndRstrip_SwallowsSurroundingWhiteSpace()
    {
        var tokenizer = WithAddedToken("<mask>", special: true, lstrip: true, rstrip: true, singleWord: false);
        Assert.True(tokenizer.TryGetTokenId("<mask>", out var mask));

        var ids = tokenizer.Encode("a  <mask>  b");

        Assert.Equal([.. tokenizer.Encode("a"), mask, .. tokenizer.Encode("b")], ids);
    }

    [Fact]
    public void Encode_AddedTokenWithoutStrip_KeepsWhiteSpaceAsText()
    {
        var tokenizer = WithAddedToken("<mask>", special: true, lstrip: false, rstrip: false, singleWord: false);
        Assert.True(tokenizer.TryGetTokenId("<mask>", out var mask));

        Assert.Equal([.. tokenizer.Encode("a "), mask, .. tokenizer.Encode(" b")], tokenizer.Encode("a <mask> b"));
    }

    [Fact]
    public void Encode_SingleWordAddedToken_MatchesOnlyOutsideWords()
    {
        var tokenizer = WithAddedToken("cat", special: false, lstrip: false, rstrip: false, singleWord: true);
        Assert.True(tokenizer.TryGetTokenId("cat", out var cat));

        var ids = tokenizer.Encode("cat concat");

        Assert.Equal(cat, ids[0]);
        Assert.Single(ids, id => id == cat);
    }

    [Fact]
    public void Decode_SkipSpecialTokens_DropsSpecialButKeepsPlainAddedTokens()
    {
        var tokenizer = WithAddedToken("<plain>", special: false, lstrip: false, rstrip: false, singleWord: false);
        var ids = tokenizer.Encode("<|im_start|>x<plain>y<|im_end|>");

        Assert.Equal("x<plain>y", tokenizer.Decode(ids, skipSpecialTokens: true));
        Assert.Equal("<|im_start|>x<plain>y<|im_end|>", tokenizer.Decode(ids));
    }

    [Fact]
    public void Encode_MergesWrittenAsArrays_SameIdsAsStringMerges()
    {
        var root = JsonNode.Parse(BaseJson)!;
        var merges = root["model"]!["merges"]!.AsArray();
        var arrays = new JsonArray([.. merges.Select(m => (JsonNode)new JsonArray([.. m!.GetValue<string>().Split(' ').Select(p => (JsonNode)JsonValue.Create(p)!)]))]);
        root["model"]!["merges"] = arrays;
        var original = BpeTokenizer.FromJson(BaseJson);

        var fromArrays = BpeTokenizer.FromJson(root.ToJsonString());

        const string text = "The quick brown fox, 12345 times.";
        Assert.Equal(original.Encode(text), fromArrays.Encode(text));
    }

    [Fact]
    public void Encode_IgnoreMerges_UsesWholePreTokenFromVocabulary()
    {
        var root = JsonNode.Parse(BaseJson)!;
        var vocab = root["model"]!["vocab"]!.AsObject();
        var id = vocab.Count;
        vocab["xyzzy"] = id;
        root["added_tokens"]!.AsArray().Clear();
        var withoutFlag = BpeTokenizer.FromJson(root.ToJsonString());
        root["model"]!["ignore_merges"] = true;

        var withFlag = BpeTokenizer.FromJson(root.ToJsonString());

        Assert.Equal([id], withFlag.Encode("xyzzy"));
        Assert.True(withoutFlag.Encode("xyzzy").Length > 1);
    }

    [Fact]
    public void Decode_InvalidUtf8_BecomesReplacementCharacter()
    {
        var tokenizer = BpeTokenizer.FromJson(BaseJson);

        // Byte tokens 0xE2 0x82 start a three-byte character that never completes.
        Assert.Equal("\uFFFDA", tokenizer.Decode([0xE2, 0x82, 'A']));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"model": {"type": "WordPiece", "vocab": {}}}""")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}, "pre_tokenizer": null}""")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]}, "pre_tokenizer": {"type": "ByteLevel"}}""")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {}, "merges": []}, "pre_tokenizer": {"type": "Metaspace"}}""")]
    public void FromJson_MalformedOrUnsupported_ThrowsTokenizerFormatException(string json) =>
        Assert.Throws<TokenizerFormatException>(() => BpeTokenizer.FromJson(json));

    private static BpeTokenizer WithAddedToken(string content, bool special, bool lstrip, bool rstrip, bool singleWord)
    {
        var root = JsonNode.Parse(BaseJson)!;
        var added = root["added_tokens"]!.AsArray();
        added.Add(new JsonObject
        {
            ["id"] = 512 + added.Count,
            ["content"] = content,
            ["single_word"] = singleWord,
            ["lstrip"] = lstrip,
            ["rstrip"] = rstrip,
            ["normalized"] = false,
            ["special"] = special,
        });
        return BpeTokenizer.FromJson(root.ToJsonString());
    }
}
