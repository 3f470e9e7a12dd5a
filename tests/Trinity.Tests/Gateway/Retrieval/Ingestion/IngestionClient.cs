using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

/// <summary>The HTTP calls the ingestion tests make, answering (status, body, response).</summary>
internal sealed class IngestionClient(HttpClient http)
{
    public static string NewCollection(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(64, prefix.Length + 13)];

    public static JsonObject Document(string id, string text, JsonObject? metadata = null)
    {
        var document = new JsonObject { ["id"] = id, ["text"] = text };
        if (metadata is not null)
        {
            document["metadata"] = metadata;
        }

        return document;
    }

    public static JsonObject Body(IEnumerable<JsonObject> documents, int? chunkTokens = null, int? overlapTokens = null)
    {
        var body = new JsonObject { ["documents"] = new JsonArray([.. documents]) };
        if (chunkTokens is { } chunk)
        {
            body["chunk_tokens"] = chunk;
        }

        if (overlapTokens is { } overlap)
        {
            body["overlap_tokens"] = overlap;
        }

        return body;
    }

    public Task<Reply> IngestAsync(string collection, JsonObject body) => PostAsync($"/v1/collections/{collection}/documents", body.ToJsonString());

    public Task<Reply> PostAsync(string path, string json) => SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    });

    public Task<Reply> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<Reply> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));

    /// <summary>Every chunk of a document, by a filtered text search.</summary>
    public async Task<List<JsonElement>> ChunksOfAsync(string collection, string documentId)
    {
        var search = new JsonObject { ["text"] = "any words", ["k"] = 10_000, ["filter"] = new JsonObject { ["document_id"] = documentId } };
        var reply = await PostAsync($"/v1/collections/{collection}/search", search.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return [.. reply.Body.GetProperty("results").EnumerateArray().OrderBy(r => r.GetProperty("payload").GetProperty("chunk_index").GetInt32())];
    }

    public async Task<long> CountAsync(string collection)
    {
        var reply = await GetAsync($"/v1/collections/{collection}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Body.GetProperty("count").GetInt64();
    }

    /// <summary>Polls a job until it reaches a final state.</summary>
    public async Task<JsonElement> WaitForJobAsync(string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var reply = await GetAsync($"/v1/ingest/jobs/{id}");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            if (reply.Body.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled")
            {
                return reply.Body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {id} still {reply.Body.GetProperty("state")}");
            await Task.Delay(20);
        }
    }

    private async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return new Reply(response.StatusCode, body, response);
        }
    }

    public sealed record Reply(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response);
}
