using System.Text.Json;
using Trinity.Tokenization;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization;

public sealed class BuiltInTokenizerFilesTests
{
    [Fact]
    public void Create_SameArguments_ByteIdenticalFiles()
    {
        var first = BuiltInTokenizerFiles.Create(1024);
        var second = BuiltInTokenizerFiles.Create(1024);

        Assert.Equal(first.TokenizerJson, second.TokenizerJson);
        Assert.Equal(first.TokenizerConfigJson, second.TokenizerConfigJson);
    }

    [Theory]
    [InlineData(259)]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(32000)]
    public void Create_VocabSize_SpecialTokensAreTheLastThreeIds(int vocabSize)
    {
        var files = BuiltInTokenizerFiles.Create(vocabSize);
        var tokenizer = BpeTokenizer.FromJson(files.TokenizerJson);

        Assert.Equal(vocabSize, tokenizer.VocabSize);
        Assert.Equal(vocabSize - 3, files.EndOfTextId);
        Assert.True(tokenizer.TryGetTokenId("<|endoftext|>", out var eot));
        Assert.True(tokenizer.TryGetTokenId("<|im_start|>", out var start));
        Assert.True(tokenizer.TryGetTokenId("<|im_end|>", out var end));
        Assert.Equal((vocabSize - 3, vocabSize - 2, vocabSize - 1), (eot, start, end));
        Assert.True(tokenizer.IsSpecial(end));
        Assert.False(tokenizer.IsSpecial(65));
    }

    [Fact]
    public void Create_SmallerVocab_IsPrefixOfLargerVocab()
    {
        var small = JsonDocument.Parse(BuiltInTokenizerFiles.Create(512).TokenizerJson).RootElement.GetProperty("model");
        var large = JsonDocument.Parse(BuiltInTokenizerFiles.Create(1024).TokenizerJson).RootElement.GetProperty("model");

        var smallMerges = small.GetProperty("merges").EnumerateArray().Select(m => m.GetString()).ToArray();
        var largeMerges = large.GetProperty("merges").EnumerateArray().Select(m => m.GetString()).ToArray();
        Assert.Equal(512 - 259, smallMerges.Length);
        Assert.Equal(smallMerges, largeMerges[..smallMerges.Length]);
    }

    [Fact]
    public void Create_Default_EncodesCommonWordsAsSingleTokensAndRoundTrips()
    {
        var tokenizer = BpeTokenizer.FromJson(BuiltInTokenizerFiles.Create().TokenizerJson);
        const string text = "The user asked the assistant a question.";

        var ids = tokenizer.Encode(text);

        Assert.True(ids.Length < text.Length / 2, $"{ids.Length} tokens for {text.Length} characters");
        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Fact]
    public void Create_Config_HasChatMlTemplateAndSpecialTokens()
    {
        using var config = JsonDocument.Parse(BuiltInTokenizerFiles.Create().TokenizerConfigJson);
        var root = config.RootElement;

        Assert.False(root.GetProperty("add_bos_token").GetBoolean());
        Assert.Equal("<|endoftext|>", root.GetProperty("bos_token").GetString());
        Assert.Equal("<|endoftext|>", root.GetProperty("eos_token").GetString());
        Assert.Equal("<|endoftext|>", root.GetProperty("pad_token").GetString());
        Assert.Equal(BuiltInTokenizerFiles.ChatTemplate, root.GetProperty("chat_template").GetString());
        Assert.Equal(2048, root.GetProperty("model_max_length").GetInt32());
    }
}
