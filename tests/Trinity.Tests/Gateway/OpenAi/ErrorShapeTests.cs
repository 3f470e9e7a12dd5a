using System.Net;
using System.Text;
using System.Text.Json;

namespace Trinity.Tests.Gateway.OpenAi;

public sealed class ErrorShapeTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Error)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(32, Assert.Single(response.Headers.GetValues("x-request-id")).Length);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, Http.AssertError(body));
    }

    [Fact]
    public async Task UnknownRouteWrongMethodAndMediaType_AnswerInErrorShape()
    {
        await using var host = await GatewayHost.StartAsync();

        var notFound = await SendAsync(host.Client, new HttpRequestMessage(HttpMethod.Post, "/v1/nothing-here") { Content = Http.Json("{}") });
        var wrongMethod = await SendAsync(host.Client, new HttpRequestMessage(HttpMethod.Get, "/v1/chat/completions"));
        var form = await SendAsync(host.Client, new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("model=fake-model", Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("unknown_url", notFound.Error.GetProperty("code").GetString());
        Assert.Contains("/v1/nothing-here", notFound.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
        Assert.Equal("method_not_allowed", wrongMethod.Error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.Status);
        Assert.Equal("unsupported_media_type", form.Error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task InvalidSettings_FailTheStartWithTheSettingNamed()
    {
        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            GatewayHost.StartAsync(new Dictionary<string, string?> { ["Trinity:Gateway:MaxRunningSequences"] = "0" }));

        Assert.Contains("MaxRunningSequences", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverLimit_Returns413InErrorShape()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Trinity:Gateway:MaxRequestBodyBytes"] = "65536" });
        var big = new string('x', 100_000);

        var (status, error) = await SendAsync(host.Client, new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings")
        {
            Content = Http.Json($$"""{"model":"trinity-hash-embed","input":"{{big}}"}"""),
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        using var health = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
