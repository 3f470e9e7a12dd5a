using System.Net;

namespace Trinity.Tests.Gateway.OpenAi;

public sealed class ModelsTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    [Fact]
    public async Task Models_List_HasGenerationAndEmbeddingModels()
    {
        using var response = await fixture.Host.Client.GetAsync(new Uri("/v1/models", UriKind.Relative));
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("list", body.GetProperty("object").GetString());
        var models = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["fake-model", "trinity-hash-embed"], models.Select(m => m.GetProperty("id").GetString()));
        Assert.All(models, m =>
        {
            Assert.Equal("model", m.GetProperty("object").GetString());
            Assert.Equal("trinity", m.GetProperty("owned_by").GetString());
            Assert.True(m.GetProperty("created").GetInt64() >= 0);
        });
    }

    [Fact]
    public async Task Models_Retrieve_ReturnsCardOr404()
    {
        using var found = await fixture.Host.Client.GetAsync(new Uri("/v1/models/fake-model", UriKind.Relative));
        using var missing = await fixture.Host.Client.GetAsync(new Uri("/v1/models/nope", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains("\"id\":\"fake-model\"", await found.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("model_not_found", Http.AssertError(System.Text.Json.JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement)
            .GetProperty("code").GetString());
    }
}
