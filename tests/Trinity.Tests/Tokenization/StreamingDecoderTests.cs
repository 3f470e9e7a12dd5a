using System.Text;
using Trinity.Tokenization;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization;

/// <summary>Streaming detokenization on the built-in vocabulary, whose small size splits most non-ASCII characters
/// over several byte tokens.</summary>
public sealed class StreamingDecoderTests
{
    private static readonly BpeTokenizer Tokenizer = BpeTokenizer.FromJson(BuiltInTokenizerFiles.Create().TokenizerJson);

    [Fact]
    public void Push_EmojiSplitOverByteTokens_HoldsBytesUntilCharacterCompletes()
    {
        var decoder = Tokenizer.CreateStreamingDecoder();

        // 😀 is F0 9F 98 80: nothing can be shown before its fourth byte.
        Assert.Equal(string.Empty, decoder.Push(0xF0));
        Assert.Equal(string.Empty, decoder.Push(0x9F));
        Assert.Equal(string.Empty, decoder.Push(0x98));
        Assert.Equal("😀", decoder.Push(0x80));
        Assert.Equal(string.Empty, decoder.Flush());
    }

    [Fact]
    public void Flush_IncompleteCharacter_EmitsReplacementAndResets()
    {
        var decoder = Tokenizer.CreateStreamingDecoder();
        decoder.Push(0xE4);

        Assert.Equal("\uFFFD", decoder.Flush());
        Assert.Equal("A", decoder.Push('A'));
    }

    [Fact]
    public void Push_SpecialTokens_SkippedByDefaultKeptOnRequest()
    {
        Assert.True(Tokenizer.TryGetTokenId("<|im_end|>", out var end));

        Assert.Equal(string.Empty, Tokenizer.CreateStreamingDecoder().Push(end));
        Assert.Equal("<|im_end|>", Tokenizer.CreateStreamingDecoder(skipSpecialTokens: false).Push(end));
    }

    [Theory]
    [InlineData("Plain ASCII text with numbers 12345.")]
    [InlineData("Emoji 👨‍👩‍👧‍👦 👍🏽 🇫🇷 and CJK 你好世界 and 𝐀𝐁𝐂 𠀀")]
    [InlineData("Arabic مرحبا, Hindi नमस्ते, Thai สวัสดี, accents café naïve")]
    public void Push_EveryTokenBoundary_EmitsOnlyWholeCharactersAndRoundTrips(string text)
    {
        var decoder = Tokenizer.CreateStreamingDecoder();
        var output = new StringBuilder();
        foreach (var id in Tokenizer.Encode(text))
        {
            var piece = decoder.Push(id);
            Assert.DoesNotContain('\uFFFD', piece);
            Assert.False(piece.Length > 0 && (char.IsLowSurrogate(piece[0]) || char.IsHighSurrogate(piece[^1])), $"Broken surrogate pair in '{piece}'.");
            output.Append(piece);
        }

        output.Append(decoder.Flush());
        Assert.Equal(text, output.ToString());
        Assert.Equal(text, Tokenizer.Decode(Tokenizer.Encode(text)));
    }
}
