using System.Net;
using System.Text.Json.Nodes;
using static Trinity.Tests.Gateway.Retrieval.Ingestion.IngestionClient;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

public sealed class IngestValidationTests(IngestionGatewayFixture fixture) : IClassFixture<IngestionGatewayFixture>
{
    private readonly IngestionClient _client = fixture.Client;

    public static TheoryData<string, string?, string> BadBodies => new()
    {
        { """{}""", "documents", "missing_required_parameter" },
        { """{"documents": []}""", "documents", "empty_array" },
        { """{"documents": "text"}""", "documents", "invalid_type" },
        { """{"documents": [null]}""", "documents[0]", "invalid_type" },
        { """{"documents": [{"id": "a", "text": "hello"}], "chunk_tokens": 4}""", "chunk_tokens", "invalid_value" },
        { """{"documents": [{"id": "a", "text": "hello"}], "chunk_tokens": 100000}""", "chunk_tokens", "invalid_value" },
        { """{"documents": [{"id": "a", "text": "hello"}], "chunk_tokens": "12"}""", "chunk_tokens", "invalid_type" },
        { """{"documents": [{"id": "a", "text": "hello"}], "chunk_tokens": 64, "overlap_tokens": 64}""", "overlap_tokens", "invalid_value" },
        { """{"documents": [{"id": "a", "text": "hello"}], "overlap_tokens": -1}""", "overlap_tokens", "invalid_value" },
        { """{"documents": [{"text": "hello"}]}""", "documents[0].id", "missing_required_parameter" },
        { """{"documents": [{"id": "", "text": "hello"}]}""", "documents[0].id", "invalid_id" },
        { """{"documents": [{"id": "   ", "text": "hello"}]}""", "documents[0].id", "invalid_id" },
        { """{"documents": [{"id": "a\u0001b", "text": "hello"}]}""", "documents[0].id", "invalid_id" },
        { $$"""{"documents": [{"id": "{{new string('x', 201)}}", "text": "hello"}]}""", "documents[0].id", "invalid_id" },
        { """{"documents": [{"id": 5, "text": "hello"}]}""", "documents[0].id", "invalid_type" },
        { """{"documents": [{"id": "a", "text": "one"}, {"id": "a", "text": "two"}]}""", "documents[1].id", "duplicate_id" },
        { """{"documents": [{"id": "a"}]}""", "documents[0].text", "missing_required_parameter" },
        { """{"documents": [{"id": "a", "text": ""}]}""", "documents[0].text", "empty_text" },
        { """{"documents": [{"id": "a", "text": " ... --- !!! \n\n "}]}""", "documents[0].text", "invalid_text" },
        { $$"""{"documents": [{"id": "a", "text": "{{new string('a', IngestionGatewayFixture.MaxDocumentChars + 1)}}"}]}""", "documents[0].text", "text_too_long" },
        { """{"documents": [{"id": "a", "text": "hello", "metadata": "notes"}]}""", "documents[0].metadata", "invalid_type" },
        { """{"documents": [{"id": "a", "text": "hello", "metadata": {"text": "clash"}}]}""", "documents[0].metadata.text", "reserved_field" },
        { """{"documents": [{"id": "a", "text": "hello", "metadata": {"document_id": "b"}}]}""", "documents[0].metadata.document_id", "reserved_field" },
        { """{"documents": [{"id": "a", "text": "hello"}""", null, "invalid_json" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Ingest_InvalidBody_Answers400NamingTheParamAndWritesNothing(string body, string? param, string code)
    {
        var collection = NewCollection("invalid");

        var reply = await _client.PostAsync($"/v1/collections/{collection}/documents", body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var error = reply.Body.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/v1/collections/{collection}")).Status);
    }

    [Fact]
    public async Task Ingest_TooManyDocuments_Answers400()
    {
        var documents = Enumerable.Range(0, IngestionGatewayFixture.MaxDocuments + 1).Select(i => Document($"d{i}", "text"));

        var reply = await _client.IngestAsync(NewCollection("many"), Body(documents));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("documents", reply.Body.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("array_above_max_length", reply.Body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Ingest_InvalidCollectionName_Answers400ForName()
    {
        var reply = await _client.IngestAsync("bad.name", Body([Document("a", "hello world")]));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("name", reply.Body.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("invalid_collection_name", reply.Body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Ingest_CollectionOfAnotherDimension_Answers400()
    {
        var collection = NewCollection("dim");
        var created = await _client.PostAsync("/v1/collections", new JsonObject { ["name"] = collection, ["dimension"] = 8 }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, created.Status);

        var reply = await _client.IngestAsync(collection, Body([Document("a", "hello world")]));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("dimension_mismatch", reply.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, await _client.CountAsync(collection));
    }

    [Fact]
    public async Task Ingest_DefaultOverlapAboveASmallChunk_IsCappedToHalfTheChunk()
    {
        var reply = await _client.IngestAsync(NewCollection("overlap"), Body([Document("a", "hello world, a small text")], chunkTokens: 16));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal((16, 8), (reply.Body.GetProperty("chunk_tokens").GetInt32(), reply.Body.GetProperty("overlap_tokens").GetInt32()));
    }

    [Fact]
    public async Task Ingest_PunctuationOnlyStretches_AreLeftOutAndTheRestIsIndexed()
    {
        var collection = NewCollection("rules");
        var text = "Intro words here.\n\n" + string.Concat(Enumerable.Repeat("---- ", 60)) + "\n\nClosing words here.";

        var reply = await _client.IngestAsync(collection, Body([Document("a", text)], chunkTokens: 16, overlapTokens: 0));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var chunks = await _client.ChunksOfAsync(collection, "a");
        Assert.Equal(reply.Body.GetProperty("documents")[0].GetProperty("chunk_count").GetInt32(), chunks.Count);
        Assert.All(chunks, c => Assert.Contains(c.GetProperty("payload").GetProperty("text").GetString()!, s => char.IsLetter(s)));
        Assert.Contains(chunks, c => c.GetProperty("payload").GetProperty("text").GetString()!.Contains("Closing", StringComparison.Ordinal));
    }
}
