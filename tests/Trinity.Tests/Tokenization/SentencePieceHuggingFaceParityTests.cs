using Trinity.Tests.Tokenization.SentencePiece;
using Trinity.Tokenization;

namespace Trinity.Tests.Tokenization;

/// <summary>Our SentencePiece-style tokenizer against Hugging Face's tokenizers library (the npm package) on every
/// layout the tests write: ids with and without the post-processor's tokens, decoded text with special tokens
/// skipped and kept, and the streaming decoder's text.</summary>
[Collection(SpmStyleOracleCollection.Name)]
public sealed class SentencePieceHuggingFaceParityTests
{
    private readonly SpmStyleOracleFixture _oracles;

    public SentencePieceHuggingFaceParityTests(SpmStyleOracleFixture oracles) => _oracles = oracles;

    public static TheoryData<string> Layouts => [.. SpmStyleForms.All.Keys];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Encode_SentencePieceLayout_MatchesHuggingFace(string layout)
    {
        var ours = Load(layout);
        var expected = _oracles.HuggingFace(layout);
        var mismatches = new List<string>();
        for (var i = 0; i < SpmStyleStrings.All.Count; i++)
        {
            var text = SpmStyleStrings.All[i];
            Compare(mismatches, text, "plain", expected.Plain[i], ours.Encode(text));
            Compare(mismatches, text, "with special tokens", expected.WithSpecial[i], ours.Encode(text, addSpecialTokens: true));
        }

        Assert.True(mismatches.Count == 0, $"{layout}: {mismatches.Count} differ from Hugging Face:\n{string.Join("\n", mismatches)}");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Decode_SentencePieceLayout_MatchesHuggingFace(string layout)
    {
        var ours = Load(layout);
        var expected = _oracles.HuggingFace(layout);
        var mismatches = new List<string>();
        for (var i = 0; i < SpmStyleStrings.All.Count; i++)
        {
            var ids = expected.WithSpecial[i];
            Compare(mismatches, SpmStyleStrings.All[i], "skipping special tokens", expected.Skipped[i], ours.Decode(ids, skipSpecialTokens: true));
            Compare(mismatches, SpmStyleStrings.All[i], "keeping special tokens", expected.Kept[i], ours.Decode(ids));
        }

        Assert.True(mismatches.Count == 0, $"{layout}: {mismatches.Count} differ from Hugging Face:\n{string.Join("\n", mismatches)}");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void StreamingDecoder_SentencePieceLayout_EmitsHuggingFacesDecodedText(string layout)
    {
        var ours = Load(layout);
        var expected = _oracles.HuggingFace(layout);
        var mismatches = new List<string>();
        for (var i = 0; i < SpmStyleStrings.All.Count; i++)
        {
            var ids = expected.WithSpecial[i];
            Compare(mismatches, SpmStyleStrings.All[i], "skipping special tokens", expected.Skipped[i], Stream(ours, ids, skipSpecialTokens: true));
            Compare(mismatches, SpmStyleStrings.All[i], "keeping special tokens", expected.Kept[i], Stream(ours, ids, skipSpecialTokens: false));
        }

        Assert.True(mismatches.Count == 0, $"{layout}: {mismatches.Count} differ from Hugging Face:\n{string.Join("\n", mismatches)}");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Decode_IdsNoEncoderWrites_MatchesHuggingFace(string layout)
    {
        var ours = Load(layout);
        var expected = _oracles.HuggingFace(layout);
        var mismatches = new List<string>();
        for (var i = 0; i < SpmStyleStrings.IdLists.Count; i++)
        {
            var ids = SpmStyleStrings.IdLists[i];
            var label = $"[{string.Join(",", ids)}]";
            Compare(mismatches, label, "skipping special tokens", expected.IdsSkipped[i], ours.Decode(ids, skipSpecialTokens: true));
            Compare(mismatches, label, "keeping special tokens", expected.IdsKept[i], ours.Decode(ids));
            if (!SpmStyleStrings.IdListsWithCharactersBeforeInvalidBytes.Contains(i))
            {
                Compare(mismatches, label, "streamed", expected.IdsSkipped[i], Stream(ours, ids, skipSpecialTokens: true));
                Compare(mismatches, label, "streamed keeping special tokens", expected.IdsKept[i], Stream(ours, ids, skipSpecialTokens: false));
            }
        }

        Assert.True(mismatches.Count == 0, $"{layout}: {mismatches.Count} differ from Hugging Face:\n{string.Join("\n", mismatches)}");
    }

    private BpeTokenizer Load(string layout) => BpeTokenizer.FromFile(Path.Combine(_oracles.Folder(layout), "tokenizer.json"));

    /// <summary>The streamed text; every piece handed out must be whole characters (no lone surrogate).</summary>
    private static string Stream(BpeTokenizer tokenizer, int[] ids, bool skipSpecialTokens)
    {
        var decoder = tokenizer.CreateStreamingDecoder(skipSpecialTokens);
        var pieces = ids.Select(decoder.Push).Append(decoder.Flush()).ToList();
        Assert.All(pieces, piece => Assert.Equal(
            System.Buffers.OperationStatus.Done,
            System.Text.Unicode.Utf8.FromUtf16(piece, new byte[piece.Length * 3], out _, out _, replaceInvalidSequences: false)));
        return string.Concat(pieces);
    }

    private static void Compare<T>(List<string> mismatches, string text, string what, IEnumerable<T> expected, IEnumerable<T> actual)
    {
        if (!expected.SequenceEqual(actual))
        {
            mismatches.Add($"{Show(text)} ({what})\n  expected: {Show(expected)}\n  ours:     {Show(actual)}");
        }
    }

    private static string Show<T>(IEnumerable<T> value) => value is string s ? Show(s) : $"[{string.Join(",", value)}]";

    private static string Show(string value) =>
        System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
