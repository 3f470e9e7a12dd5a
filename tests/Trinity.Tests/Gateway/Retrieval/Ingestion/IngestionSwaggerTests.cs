using System.Text.Json;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

public sealed class IngestionSwaggerTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    [Fact]
    public async Task Swagger_DocumentsTheIngestionEndpointsWithTheirSchemas()
    {
        var document = JsonDocument.Parse(await fixture.Host.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative))).RootElement;

        var paths = document.GetProperty("paths");
        var ingest = paths.GetProperty("/v1/collections/{name}/documents").GetProperty("post");
        Assert.Equal("IngestDocuments", ingest.GetProperty("operationId").GetString());
        Assert.EndsWith("/IngestRequest", ingest.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        foreach (var status in new[] { "200", "202", "400", "429" })
        {
            Assert.True(ingest.GetProperty("responses").TryGetProperty(status, out _), $"{status} not documented");
        }

        var job = paths.GetProperty("/v1/ingest/jobs/{id}");
        Assert.Equal("GetIngestJob", job.GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("CancelIngestJob", job.GetProperty("delete").GetProperty("operationId").GetString());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(
            ["chunk_tokens", "documents", "overlap_tokens"],
            schemas.GetProperty("IngestRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["queued", "running", "succeeded", "failed", "cancelled"],
            schemas.GetProperty("IngestJobState").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        foreach (var field in new[] { "id", "collection", "state", "documents_total", "documents_done", "chunks_written", "error", "created_at", "finished_at" })
        {
            Assert.True(schemas.GetProperty("IngestJobView").GetProperty("properties").TryGetProperty(field, out _), $"{field} missing");
        }
    }
}
