using Trinity.Engine.Model;
using Trinity.Engine.Model.Embeddings;

namespace Trinity.Tests.Engine.Core.Model.Embeddings;

public sealed class OnnxTextEmbedderTests(TinyEncoderFixture fixture) : IClassFixture<TinyEncoderFixture>
{
    private TinyEncoder Encoder => fixture.Encoder;

    [Fact]
    public void Embed_Text_IsTheNormalisedMeanOfTheEncoderStates()
    {
        using var embedder = new OnnxTextEmbedder(Encoder.Directory);
        var vector = new float[embedder.Dimension];

        var tokens = embedder.Embed("the quick brown fox", vector);

        Assert.Equal(TinyEncoder.Hidden, embedder.Dimension);
        Assert.Equal(Path.GetFileName(Encoder.Directory), embedder.Name);
        Assert.Equal(Encoder.Tokenizer.Encode("the quick brown fox").Length, tokens);
        var expected = Encoder.Expected("the quick brown fox");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], vector[i], 5);
        }

        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => v * v)), 5);
    }

    [Fact]
    public void EmbedBatch_DifferentLengths_PoolsOnlyUnmaskedTokens()
    {
        using var embedder = new OnnxTextEmbedder(Encoder.Directory, "encoder");
        string[] texts = ["hi", "a much longer sentence than the first one, with more tokens", "medium length text"];

        var batch = embedder.EmbedBatch(texts);

        for (var t = 0; t < texts.Length; t++)
        {
            var expected = Encoder.Expected(texts[t]);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], batch[t][i], 5);
            }
        }
    }

    [Fact]
    public void EmbedTokens_SameIdsAsText_GiveTheSameVector()
    {
        using var embedder = new OnnxTextEmbedder(Encoder.Directory);
        var fromText = new float[embedder.Dimension];
        var fromIds = new float[embedder.Dimension];

        embedder.Embed("tokens or text", fromText);
        var used = embedder.EmbedTokens(Encoder.Tokenizer.Encode("tokens or text"), fromIds);

        Assert.Equal(fromText, fromIds);
        Assert.Equal(Encoder.Tokenizer.Encode("tokens or text").Length, used);
        Assert.Equal(TinyEncoder.Vocab, embedder.VocabSize);
    }

    [Fact]
    public void Constructor_FolderWithoutModel_ThrowsModelFormatException()
    {
        var empty = TestModels.TempDirectory("no-encoder");
        try
        {
            Assert.Throws<ModelFormatException>(() => new OnnxTextEmbedder(empty));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
