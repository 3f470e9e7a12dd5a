using System.Text.Json.Nodes;
using Trinity.Tests.Tokenization.SentencePiece;
using Trinity.Tokenization;

namespace Trinity.Tests.Tokenization;

/// <summary>SentencePiece-style tokenizer.json features on a vocabulary small enough to spell out: the normalizer and
/// Metaspace layouts, byte fallback, unknown tokens, the post-processor's BOS, the decoders and streaming.</summary>
public sealed class SentencePieceTokenizerTests
{
    private static readonly (string, string)[] Merges =
    [
        ("l", "l"), ("▁", "H"), ("▁H", "e"), ("▁He", "ll"), ("▁Hell", "o"), ("▁", "w"), ("o", "r"), ("▁w", "or"),
        ("l", "d"), ("▁wor", "ld"), ("▁", "▁"),
    ];

    private static readonly string[] Characters = ["▁", "H", "e", "l", "o", "w", "r", "d", "a", "b"];

    private static readonly BpeTokenizer Published = Create(new SpmStyleOptions());

    [Fact]
    public void Encode_NormalizerLayout_PrependsMetaspaceAndReplacesSpaces() =>
        Assert.Equal(Ids(Published, "▁Hello", "▁world"), Published.Encode("Hello world"));

    [Fact]
    public void Encode_NormalizerLayout_PrependsMetaspaceAfterAddedToken() =>
        Assert.Equal([1, .. Ids(Published, "▁Hello")], Published.Encode("<s>Hello"));

    [Fact]
    public void Encode_NormalizerLayoutLeadingSpace_KeepsBothMetaspaces() =>
        Assert.Equal(Ids(Published, "▁", "▁Hello"), Published.Encode(" Hello"));

    [Fact]
    public void Encode_MetaspaceFirst_PrependsOnlyAtTextStart()
    {
        var tokenizer = Create(new SpmStyleOptions { NormalizerForm = false, PrependScheme = "first" });

        Assert.Equal(Ids(tokenizer, "▁Hello"), tokenizer.Encode("Hello"));
        Assert.Equal(Ids(tokenizer, "▁Hello"), tokenizer.Encode(" Hello"));
        Assert.Equal([1, .. Ids(tokenizer, "H", "e", "ll", "o")], tokenizer.Encode("<s>Hello"));
    }

    [Fact]
    public void Encode_MetaspaceAlways_PrependsAfterAddedToken()
    {
        var tokenizer = Create(new SpmStyleOptions { NormalizerForm = false, PrependScheme = "always" });

        Assert.Equal([1, .. Ids(tokenizer, "▁Hello")], tokenizer.Encode("<s>Hello"));
    }

    [Fact]
    public void Encode_MetaspaceNever_DoesNotPrepend()
    {
        var tokenizer = Create(new SpmStyleOptions { NormalizerForm = false, PrependScheme = "never" });

        Assert.Equal(Ids(tokenizer, "H", "e", "ll", "o", "▁world"), tokenizer.Encode("Hello world"));
    }

    [Fact]
    public void Encode_MetaspaceSplit_MergesNeverCrossMetaspace()
    {
        var whole = Create(new SpmStyleOptions { NormalizerForm = false, PrependScheme = "always" });
        var split = Create(new SpmStyleOptions { NormalizerForm = false, PrependScheme = "always", Split = true });

        Assert.Equal(Ids(whole, "▁", "a", "▁▁", "b"), whole.Encode("a  b"));
        Assert.Equal(Ids(split, "▁", "a", "▁", "▁", "b"), split.Encode("a  b"));
    }

    [Fact]
    public void Encode_CharacterMissingFromVocabulary_FallsBackToByteTokens() =>
        Assert.Equal(Ids(Published, "▁", "<0xF0>", "<0x9F>", "<0x98>", "<0x80>"), Published.Encode("😀"));

    [Fact]
    public void Encode_NoByteFallback_FusesUnknownCharacters()
    {
        var fused = Create(new SpmStyleOptions { ByteFallback = false });
        var unfused = Create(new SpmStyleOptions { ByteFallback = false, FuseUnk = false });

        Assert.Equal(Ids(fused, "▁", "a", "<unk>", "b"), fused.Encode("axyzb"));
        Assert.Equal(Ids(unfused, "▁", "a", "<unk>", "<unk>", "<unk>", "b"), unfused.Encode("axyzb"));
    }

    [Fact]
    public void Encode_AddSpecialTokens_AddsThePostProcessorsBos()
    {
        Assert.Equal(Ids(Published, "▁Hello"), Published.Encode("Hello"));
        Assert.Equal([1, .. Ids(Published, "▁Hello")], Published.Encode("Hello", addSpecialTokens: true));
        Assert.Equal([1], Published.Encode(string.Empty, addSpecialTokens: true));
        Assert.Empty(Published.Encode(string.Empty));
    }

    [Fact]
    public void Encode_NoPostProcessor_AddsNothing()
    {
        var tokenizer = Create(new SpmStyleOptions { PostProcessorBos = false });

        Assert.Equal(Ids(tokenizer, "▁Hello"), tokenizer.Encode("Hello", addSpecialTokens: true));
    }

    [Fact]
    public void Encode_MergesWrittenAsPairs_SameIdsAsStringMerges()
    {
        var pairs = Create(new SpmStyleOptions { MergesAsPairs = true });

        const string text = "Hello world, Hello  world 😀";
        Assert.Equal(Published.Encode(text), pairs.Encode(text));
    }

    [Fact]
    public void Encode_LongTextCutBeforeMetaspace_SameIdsAsOneBpeWord()
    {
        var json = SpmStyleTokenizerFiles.Create(new SpmStyleOptions()).TokenizerJson;
        var root = JsonNode.Parse(json)!;
        var vocab = root["model"]!["vocab"]!.AsObject();

        // A piece with ▁ after another character means merges may cross a word start: the text stays one word.
        vocab["q▁"] = vocab.Count + 10;
        var cut = BpeTokenizer.FromJson(json);
        var whole = BpeTokenizer.FromJson(root.ToJsonString());

        Assert.Equal(whole.Encode(SpmStyleCorpus.Text), cut.Encode(SpmStyleCorpus.Text));
    }

    [Fact]
    public void Decode_PublishedDecoder_StripsOneLeadingSpaceOfTheText()
    {
        int[] ids = [1, .. Ids(Published, "▁Hello", "▁world")];

        Assert.Equal("Hello world", Published.Decode(ids, skipSpecialTokens: true));
        Assert.Equal("<s> Hello world", Published.Decode(ids));
        Assert.Equal(" Hello", Published.Decode(Ids(Published, "▁", "▁Hello")));
    }

    [Fact]
    public void Decode_ByteFallbackTokens_FormOneCharacter() =>
        Assert.Equal("Hello😀", Published.Decode(Published.Encode("Hello😀")));

    [Fact]
    public void Decode_InvalidByteFallbackRun_OneReplacementCharacterPerByte() =>
        Assert.Equal("Hello\uFFFD\uFFFD world", Published.Decode(Ids(Published, "▁Hello", "<0xF0>", "<0x9F>", "▁world")));

    [Fact]
    public void Decode_MetaspaceDecoder_DropsMetaspaceOfTheFirstTokenOnly()
    {
        var metaspace = Create(new SpmStyleOptions { NormalizerForm = false, PrependScheme = "always", LegacyMetaspaceFields = true, ReplaceDecoder = false });

        Assert.Equal(" Hello world", metaspace.Decode(Ids(metaspace, "▁▁", "▁Hello", "▁world")));
        Assert.Equal("  Hello world", Published.Decode(Ids(Published, "▁▁", "▁Hello", "▁world")));
    }

    [Fact]
    public void StreamingDecoder_ByteFallbackAcrossTokens_EmitsTheCharacterWhenComplete()
    {
        var decoder = Published.CreateStreamingDecoder();

        var pieces = Published.Encode("Hello😀").Select(decoder.Push).ToList();

        Assert.Equal(["Hello", "", "", "", "😀"], pieces);
        Assert.Equal(string.Empty, decoder.Flush());
    }

    [Fact]
    public void StreamingDecoder_LeadingSpace_StrippedOnlyAtTheStart()
    {
        var decoder = Published.CreateStreamingDecoder();
        Assert.Equal(["Hello", " Hello"], Ids(Published, "▁Hello", "▁Hello").Select(decoder.Push));

        decoder = Published.CreateStreamingDecoder();
        Assert.Equal(["", " Hello"], Ids(Published, "▁", "▁Hello").Select(decoder.Push));

        decoder = Published.CreateStreamingDecoder(skipSpecialTokens: false);
        int[] withBos = [1, .. Ids(Published, "▁Hello")];
        Assert.Equal(["<s>", " Hello"], withBos.Select(decoder.Push));
    }

    [Fact]
    public void StreamingDecoder_IncompleteBytesAtTheEnd_FlushesOneReplacementCharacterPerByte()
    {
        var ids = Ids(Published, "▁Hello", "<0xF0>", "<0x9F>");
        var decoder = Published.CreateStreamingDecoder();

        var text = string.Concat(ids.Select(decoder.Push)) + decoder.Flush();

        Assert.Equal("Hello\uFFFD\uFFFD", text);
        Assert.Equal(Published.Decode(ids), text);
    }

    [Fact]
    public void StreamingDecoder_InvalidByteRun_RestOfTheRunBecomesReplacementCharacters()
    {
        var ids = Ids(Published, "▁Hello", "<0xFF>", "<0x41>", "▁world");
        var decoder = Published.CreateStreamingDecoder();

        var pieces = ids.Select(decoder.Push).Append(decoder.Flush()).ToList();

        Assert.Equal(["Hello", "\uFFFD", "\uFFFD", " world", ""], pieces);
        Assert.Equal(Published.Decode(ids), string.Concat(pieces));
    }

    [Fact]
    public void StreamingDecoder_ValidCharacterBeforeInvalidBytesOfOneRun_IsNotTakenBack()
    {
        var ids = Ids(Published, "▁Hello", "<0x41>", "<0xFF>");
        var decoder = Published.CreateStreamingDecoder();

        var streamed = string.Concat(ids.Select(decoder.Push)) + decoder.Flush();

        // Hugging Face turns the whole run into U+FFFD; a stream has already given out the "A".
        Assert.Equal("Hello\uFFFD\uFFFD", Published.Decode(ids));
        Assert.Equal("HelloA\uFFFD", streamed);
    }

    [Theory]
    [InlineData("Unigram", """{"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]]}""")]
    [InlineData("WordPiece", """{"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0}}""")]
    [InlineData("WordLevel", """{"type": "WordLevel", "unk_token": "[UNK]", "vocab": {"[UNK]": 0}}""")]
    public void FromJson_UnsupportedModelType_FailsWithOneLineNamingIt(string type, string model)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => BpeTokenizer.FromJson($$"""{"model": {{model}}}"""));

        Assert.Contains($"'{type}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("""{"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "▁"}, "content": " "}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 1}]}""")]
    [InlineData("""{"type": "Sequence", "decoders": [{"type": "Strip", "content": " ", "start": 1, "stop": 0}, {"type": "Fuse"}]}""")]
    [InlineData("""{"type": "WordPiece", "prefix": "##"}""")]
    [InlineData("""{"type": "ByteLevel"}""")]
    [InlineData("null")]
    public void FromJson_UnsupportedDecoder_ThrowsTokenizerFormatException(string decoder)
    {
        var root = JsonNode.Parse(SpmStyleTokenizerFiles.Create(new SpmStyleOptions(), Merges, Characters).TokenizerJson)!;
        root["decoder"] = JsonNode.Parse(decoder);

        Assert.Throws<TokenizerFormatException>(() => BpeTokenizer.FromJson(root.ToJsonString()));
    }

    private static BpeTokenizer Create(SpmStyleOptions options) =>
        BpeTokenizer.FromJson(SpmStyleTokenizerFiles.Create(options, Merges, Characters).TokenizerJson);

    private static int[] Ids(BpeTokenizer tokenizer, params string[] tokens) =>
        [.. tokens.Select(token => tokenizer.TryGetTokenId(token, out var id) ? id : throw new ArgumentException($"'{token}' is not in the vocabulary."))];
}
