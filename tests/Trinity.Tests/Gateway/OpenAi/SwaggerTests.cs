using System.Net;
using System.Text.Json;

namespace Trinity.Tests.Gateway.OpenAi;

public sealed class SwaggerTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    [Fact]
    public async Task Swagger_DocumentsOpenAiAndTrinityEndpointsWithSchemas()
    {
        using var ui = await fixture.Host.Client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        var document = JsonDocument.Parse(await fixture.Host.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative))).RootElement;

        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models", "/health", "/health/ready", "/metrics" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }

        var chatBody = paths.GetProperty("/v1/chat/completions").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.EndsWith("/ChatCompletionRequest", chatBody.GetProperty("$ref").GetString(), StringComparison.Ordinal);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("ChatCompletionRequest");
        foreach (var property in new[] { "model", "messages", "max_completion_tokens", "stream_options", "stop", "seed", "top_p" })
        {
            Assert.True(request.GetProperty("properties").TryGetProperty(property, out _), $"{property} missing");
        }

        Assert.False(request.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False);
        Assert.True(schemas.TryGetProperty("ChatCompletionChunk", out _));
        Assert.True(schemas.TryGetProperty("ErrorEnvelope", out _));
        Assert.True(paths.GetProperty("/v1/chat/completions").GetProperty("post").GetProperty("responses").TryGetProperty("400", out _));
    }
}
