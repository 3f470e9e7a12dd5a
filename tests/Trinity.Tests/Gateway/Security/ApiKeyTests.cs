using System.Net;
using System.Net.Http.Headers;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Security;

public sealed class ApiKeyTests
{
    private static HttpRequestMessage Models(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    [Fact]
    public async Task ApiKeys_WhenConfigured_GuardV1WithOpenAi401AndLeaveHealthOpen()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Trinity:Auth:ApiKeys:0"] = "sk-first",
            ["Trinity:Auth:ApiKeys:1"] = "sk-second",
        });

        using var missing = await host.Client.SendAsync(Models(null));
        using var wrong = await host.Client.SendAsync(Models("sk-wrong"));
        using var first = await host.Client.SendAsync(Models("sk-first"));
        using var second = await host.Client.SendAsync(Models("sk-second"));
        using var health = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var metrics = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var error = Http.AssertError(System.Text.Json.JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("Bearer", Assert.Single(wrong.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task ApiKeys_WhenNotConfigured_LeaveApiOpen()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.SendAsync(Models(null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
