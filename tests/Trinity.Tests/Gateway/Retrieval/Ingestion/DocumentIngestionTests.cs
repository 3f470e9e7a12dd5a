using System.Net;
using System.Text.Json.Nodes;
using static Trinity.Tests.Gateway.Retrieval.Ingestion.IngestionClient;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

public sealed class DocumentIngestionTests(IngestionGatewayFixture fixture) : IClassFixture<IngestionGatewayFixture>
{
    private const string Garden = "The garden grows tomatoes, basil and sunflowers. Water the plants every morning during the summer.";

    private readonly IngestionClient _client = fixture.Client;

    [Fact]
    public async Task Ingest_SmallSet_AnswersCountsAndTextSearchFindsTheChunk()
    {
        var collection = NewCollection("sync");
        var body = Body(
        [
            Document("kitchen", "The kitchen has a stainless steel oven, a gas stove and a dishwasher. Bread recipes live here."),
            Document("garden", Garden, new JsonObject { ["path"] = "notes/garden.md", ["lang"] = "en" }),
            Document("rocket", "Rocket engines burn liquid hydrogen and oxygen to reach orbit around the planet."),
        ]);

        var reply = await _client.IngestAsync(collection, body);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var result = reply.Body;
        Assert.Equal("ingest.result", result.GetProperty("object").GetString());
        Assert.Equal(collection, result.GetProperty("collection").GetString());
        Assert.Equal("succeeded", result.GetProperty("state").GetString());
        Assert.Equal((3, 3, 3L, 0L), (
            result.GetProperty("documents_total").GetInt32(),
            result.GetProperty("documents_done").GetInt32(),
            result.GetProperty("chunks_written").GetInt64(),
            result.GetProperty("chunks_deleted").GetInt64()));
        Assert.Equal((256, 32), (result.GetProperty("chunk_tokens").GetInt32(), result.GetProperty("overlap_tokens").GetInt32()));
        Assert.Equal(
            ["kitchen:1", "garden:1", "rocket:1"],
            result.GetProperty("documents").EnumerateArray().Select(d => $"{d.GetProperty("id").GetString()}:{d.GetProperty("chunk_count").GetInt32()}"));

        var search = await _client.PostAsync($"/v1/collections/{collection}/search", """{"text": "when should I water the tomatoes and basil", "k": 3}""");

        Assert.Equal(HttpStatusCode.OK, search.Status);
        var top = search.Body.GetProperty("results")[0];
        Assert.Equal("garden#0", top.GetProperty("id").GetString());
        var payload = top.GetProperty("payload");
        Assert.Equal("garden", payload.GetProperty("document_id").GetString());
        Assert.Equal((0, 1), (payload.GetProperty("chunk_index").GetInt32(), payload.GetProperty("chunk_count").GetInt32()));
        Assert.Equal(Garden, payload.GetProperty("text").GetString());
        Assert.Equal((0, Garden.Length), (payload.GetProperty("char_start").GetInt32(), payload.GetProperty("char_end").GetInt32()));
        Assert.Equal("notes/garden.md", payload.GetProperty("path").GetString());
        Assert.Equal("en", payload.GetProperty("lang").GetString());

        var info = await _client.GetAsync($"/v1/collections/{collection}");
        Assert.Equal((3L, 384, "cosine", "flat"), (
            info.Body.GetProperty("count").GetInt64(),
            info.Body.GetProperty("dimension").GetInt32(),
            info.Body.GetProperty("metric").GetString(),
            info.Body.GetProperty("index").GetString()));
    }

    [Fact]
    public async Task Ingest_LongDocument_ChunksCoverItInOrderWithinTheTokenLimit()
    {
        var collection = NewCollection("long");
        var readme = File.ReadAllText(Path.Combine(IngestionTestData.RepositoryRoot, "README.md"));

        var reply = await _client.IngestAsync(collection, Body([Document("README.md", readme)], chunkTokens: 64, overlapTokens: 8));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var count = reply.Body.GetProperty("documents")[0].GetProperty("chunk_count").GetInt32();
        Assert.True(count > 10, $"{count} chunks");
        var chunks = await _client.ChunksOfAsync(collection, "README.md");
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"README.md#{i}"), chunks.Select(c => c.GetProperty("id").GetString()));
        var previousEnd = 0;
        foreach (var chunk in chunks.Select(c => c.GetProperty("payload")))
        {
            var (start, end) = (chunk.GetProperty("char_start").GetInt32(), chunk.GetProperty("char_end").GetInt32());
            Assert.Equal(readme[start..end], chunk.GetProperty("text").GetString());
            Assert.InRange(chunk.GetProperty("token_count").GetInt32(), 1, 64);
            Assert.Equal(count, chunk.GetProperty("chunk_count").GetInt32());
            Assert.InRange(start, 0, previousEnd);
            Assert.True(end > previousEnd);
            previousEnd = end;
        }

        Assert.Equal(readme.Length, previousEnd);
    }

    [Fact]
    public async Task Ingest_SameIdAgain_ReplacesChunksAndRemovesStaleOnes()
    {
        var collection = NewCollection("reingest");
        var first = await _client.IngestAsync(collection, Body([Document("doc", IngestionTestData.Documentation()[..6000]), Document("other", Garden)], chunkTokens: 32));
        var before = first.Body.GetProperty("documents")[0].GetProperty("chunk_count").GetInt32();
        Assert.True(before > 5, $"{before} chunks");

        var second = await _client.IngestAsync(collection, Body([Document("doc", "A much shorter second version of the document.")], chunkTokens: 32));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal((1L, before - 1L), (second.Body.GetProperty("chunks_written").GetInt64(), second.Body.GetProperty("chunks_deleted").GetInt64()));
        var chunks = await _client.ChunksOfAsync(collection, "doc");
        var only = Assert.Single(chunks);
        Assert.Equal("doc#0", only.GetProperty("id").GetString());
        Assert.Equal("A much shorter second version of the document.", only.GetProperty("payload").GetProperty("text").GetString());
        var others = first.Body.GetProperty("documents")[1].GetProperty("chunk_count").GetInt32();
        Assert.Equal(1 + others, await _client.CountAsync(collection));
        Assert.Equal(others, (await _client.ChunksOfAsync(collection, "other")).Count);
    }

    [Fact]
    public async Task Ingest_SameIdAgainAfterHundredsOfChunks_RemovesEveryStaleChunk()
    {
        var collection = NewCollection("reingest-many");
        var readme = File.ReadAllText(Path.Combine(IngestionTestData.RepositoryRoot, "README.md"));
        var first = await _client.IngestAsync(collection, Body([Document("readme", readme)], chunkTokens: 8, overlapTokens: 0));
        var before = first.Body.GetProperty("documents")[0].GetProperty("chunk_count").GetInt32();
        Assert.True(before > 256, $"{before} chunks: more than the first lookup asks for");

        var second = await _client.IngestAsync(collection, Body([Document("readme", "Replaced.")]));

        Assert.Equal(before - 1L, second.Body.GetProperty("chunks_deleted").GetInt64());
        Assert.Equal(1, await _client.CountAsync(collection));
    }

    [Fact]
    public async Task Ingest_MultibyteText_ChunksAreWholeCharacters()
    {
        var collection = NewCollection("emoji");
        var text = string.Concat(Enumerable.Repeat(IngestionTestData.Multibyte, 4));

        var reply = await _client.IngestAsync(collection, Body([Document("emoji", text)], chunkTokens: 16, overlapTokens: 4));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var chunks = await _client.ChunksOfAsync(collection, "emoji");
        Assert.True(chunks.Count > 10);
        foreach (var payload in chunks.Select(c => c.GetProperty("payload")))
        {
            var chunkText = payload.GetProperty("text").GetString()!;
            Assert.Equal(text[payload.GetProperty("char_start").GetInt32()..payload.GetProperty("char_end").GetInt32()], chunkText);
            Assert.DoesNotContain('\uFFFD', chunkText);
            Assert.False(char.IsLowSurrogate(chunkText[0]) || char.IsHighSurrogate(chunkText[^1]));
        }
    }
}
