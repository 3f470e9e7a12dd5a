using System.Globalization;
using System.Text;
using Trinity.Gateway.Retrieval.Ingestion;
using Trinity.Tokenization;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

public sealed class TokenChunkerTests
{
    private static ITokenizer Tokenizer => TestModels.TinyModel.Tokenizer;

    [Theory]
    [InlineData(64, 8)]
    [InlineData(256, 32)]
    [InlineData(100, 0)]
    public void Chunk_Documentation_ChunksFitTheLimitAndCoverTheTextInOrder(int chunkTokens, int overlapTokens)
    {
        var text = IngestionTestData.Documentation();

        var chunks = new TokenChunker(Tokenizer).Chunk(text, chunkTokens, overlapTokens, 10_000)!;

        Assert.True(chunks.Count > Tokenizer.Encode(text).Length / chunkTokens, $"{chunks.Count} chunks");
        AssertCoversInOrder(text, chunks);
        foreach (var chunk in chunks)
        {
            Assert.InRange(chunk.Tokens, 1, chunkTokens);
            Assert.Equal(Tokenizer.Encode(text[chunk.Start..chunk.End]).Length, chunk.Tokens);
        }

        // Near the limit, a chunk ends where the text pauses: nearly always at a space or line break, not mid-word.
        var midWord = chunks.SkipLast(1).Count(c => !char.IsWhiteSpace(text[c.End - 1]) && !char.IsWhiteSpace(text[c.End]) && !char.IsPunctuation(text[c.End - 1]));
        Assert.True(midWord <= chunks.Count / 10, $"{midWord} of {chunks.Count} chunks end inside a word");
    }

    [Fact]
    public void Chunk_WithOverlap_ConsecutiveChunksShareText()
    {
        var text = IngestionTestData.Documentation();

        var chunks = new TokenChunker(Tokenizer).Chunk(text, 64, 16, 10_000)!;

        for (var i = 1; i < chunks.Count; i++)
        {
            var shared = chunks[i - 1].End - chunks[i].Start;
            Assert.True(shared > 0, $"chunk {i} does not overlap chunk {i - 1}");
            Assert.InRange(Tokenizer.Encode(text[chunks[i].Start..chunks[i - 1].End]).Length, 1, 16 + 2);
        }
    }

    [Fact]
    public void Chunk_WithoutOverlap_ChunksMeetEndToEnd()
    {
        var text = IngestionTestData.Documentation();

        var chunks = new TokenChunker(Tokenizer).Chunk(text, 48, 0, 10_000)!;

        Assert.Equal(text, string.Concat(chunks.Select(c => text[c.Start..c.End])));
    }

    [Theory]
    [InlineData(8, 2)]
    [InlineData(16, 4)]
    [InlineData(48, 0)]
    public void Chunk_EmojiAndMultibyteText_NeverSplitsACharacter(int chunkTokens, int overlapTokens)
    {
        var text = string.Concat(Enumerable.Repeat(IngestionTestData.Multibyte, 6));

        var chunks = new TokenChunker(Tokenizer).Chunk(text, chunkTokens, overlapTokens, 10_000)!;

        AssertCoversInOrder(text, chunks);
        foreach (var chunk in chunks)
        {
            var piece = text[chunk.Start..chunk.End];
            Assert.False(char.IsLowSurrogate(piece[0]), $"chunk at {chunk.Start} starts inside a surrogate pair");
            Assert.False(char.IsHighSurrogate(piece[^1]), $"chunk ending at {chunk.End} ends inside a surrogate pair");
            Assert.Equal(piece, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(piece)));
        }
    }

    [Fact]
    public void Chunk_GraphemesThatFit_AreNeverCut()
    {
        var text = string.Concat(Enumerable.Repeat("🇫🇷🇯🇵🇩🇪e\u0301👍🏽", 40));
        var graphemeStarts = StringInfo.ParseCombiningCharacters(text).ToHashSet();

        var chunks = new TokenChunker(Tokenizer).Chunk(text, 48, 0, 10_000)!;

        Assert.True(chunks.Count > 3);
        Assert.All(chunks.SkipLast(1), c => Assert.Contains(c.End, graphemeStarts));
    }

    [Fact]
    public void Chunk_ShortText_IsOneChunkWithTheWholeText()
    {
        const string Text = "A short note about vector search.";

        var chunks = new TokenChunker(Tokenizer).Chunk(Text, 256, 32, 10_000)!;

        var chunk = Assert.Single(chunks);
        Assert.Equal((0, Text.Length), (chunk.Start, chunk.End));
        Assert.Equal(Tokenizer.Encode(Text).Length, chunk.Tokens);
    }

    [Fact]
    public void Chunk_Sentences_EndAtSentenceEnds()
    {
        var sentences = Enumerable.Range(0, 80).Select(i => $"Topic {i % 7} is short.");
        var text = string.Join(' ', sentences);

        var chunks = new TokenChunker(Tokenizer).Chunk(text, 60, 0, 10_000)!;

        Assert.True(chunks.Count > 5);
        Assert.All(chunks.SkipLast(1), c => Assert.Equal('.', text[c.End - 1]));
    }

    [Fact]
    public void Chunk_MoreChunksThanAllowed_ReturnsNull()
    {
        var text = IngestionTestData.Documentation();

        Assert.Null(new TokenChunker(Tokenizer).Chunk(text, 16, 0, 5));
    }

    private static void AssertCoversInOrder(string text, List<TextChunk> chunks)
    {
        Assert.NotEmpty(chunks);
        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(text.Length, chunks[^1].End);
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].Start > chunks[i - 1].Start, $"chunk {i} does not advance");
            Assert.True(chunks[i].Start <= chunks[i - 1].End, $"gap before chunk {i}");
            Assert.True(chunks[i].End > chunks[i - 1].End, $"chunk {i} ends before chunk {i - 1}");
        }
    }
}
