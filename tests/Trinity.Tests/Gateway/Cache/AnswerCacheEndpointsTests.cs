using System.Net;
using Trinity.Tests.Gateway.OpenAi;
using static Trinity.Tests.Gateway.Cache.CacheGateway;

namespace Trinity.Tests.Gateway.Cache;

public sealed class AnswerCacheEndpointsTests(CacheGatewayFixture fixture) : IClassFixture<CacheGatewayFixture>
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task Invalidate_BySystemPromptOrPrompt_DropsOnlyThoseAnswers()
    {
        await SendAsync(_host, Chat("Suggest a team name", system: "You are brief."));
        await SendAsync(_host, Chat("Suggest a team name", system: "You are verbose."));
        await SendAsync(_host, Chat("Suggest a band name"));

        var (bySystem, bySystemBody) = await Http.PostAsync(_host.Client, "/v1/cache/invalidate", """{"system_prompt":"  You are   brief. ","model":"fake-model"}""");
        var (byPrompt, byPromptBody) = await Http.PostAsync(_host.Client, "/v1/cache/invalidate", """{"prompt":"suggest a BAND name"}""");

        Assert.Equal(HttpStatusCode.OK, bySystem.StatusCode);
        Assert.Equal(1, bySystemBody.GetProperty("invalidated").GetInt64());
        Assert.Equal(HttpStatusCode.OK, byPrompt.StatusCode);
        Assert.Equal(1, byPromptBody.GetProperty("invalidated").GetInt64());
        Assert.Equal("miss", Status((await SendAsync(_host, Chat("Suggest a team name", system: "You are brief."))).Response));
        Assert.Equal("hit", Status((await SendAsync(_host, Chat("Suggest a team name", system: "You are verbose."))).Response));
        Assert.Equal("miss", Status((await SendAsync(_host, Chat("Suggest a band name"))).Response));
    }

    [Fact]
    public async Task Delete_Everything_CountsAndEmptiesTheCache()
    {
        await SendAsync(_host, Chat("Suggest a boat name"));
        await SendAsync(_host, Chat("Suggest a horse name"));

        var response = await _host.Client.DeleteAsync(new Uri("/v1/cache", UriKind.Relative));
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("invalidated").GetInt64() >= 2);
        Assert.Equal("miss", Status((await SendAsync(_host, Chat("Suggest a boat name"))).Response));
        Assert.Equal("hit", Status((await SendAsync(_host, Chat("Suggest a boat name"))).Response));
    }

    [Theory]
    [InlineData("{}", null, "missing_required_parameter")]
    [InlineData("""{"model":""}""", "model", "invalid_value")]
    [InlineData("""{"prompt":"   "}""", "prompt", "invalid_value")]
    [InlineData("""{"model":5}""", "model", "invalid_type")]
    [InlineData("[]", null, null)]
    [InlineData("{", null, null)]
    public async Task Invalidate_BadBody_400InOpenAiShape(string body, string? param, string? code)
    {
        var (response, error) = await Http.PostAsync(_host.Client, "/v1/cache/invalidate", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = Http.AssertError(error);
        Assert.Equal("invalid_request_error", details.GetProperty("type").GetString());
        if (param is not null)
        {
            Assert.Equal(param, details.GetProperty("param").GetString());
        }

        if (code is not null)
        {
            Assert.Equal(code, details.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Invalidate_NotJson_415()
    {
        using var content = new StringContent("model=x", System.Text.Encoding.UTF8, "text/plain");
        var response = await _host.Client.PostAsync(new Uri("/v1/cache/invalidate", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Swagger_DocumentsTheCacheEndpointsAndRequestField()
    {
        var document = await _host.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        Assert.Contains("\"/v1/cache\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/v1/cache/invalidate\"", document, StringComparison.Ordinal);
        Assert.Contains("ClearAnswerCache", document, StringComparison.Ordinal);
        Assert.Contains("InvalidateAnswerCache", document, StringComparison.Ordinal);
        Assert.Contains("AnswerCacheInvalidateRequest", document, StringComparison.Ordinal);
        Assert.Contains("answer_cache", document, StringComparison.Ordinal);
    }
}
