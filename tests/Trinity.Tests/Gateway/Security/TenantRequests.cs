using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trinity.Gateway.Cache;

namespace Trinity.Tests.Gateway.Security;

/// <summary>Requests sent with one tenant's API key.</summary>
internal static class TenantRequests
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(GatewayHost host, string key, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        if (path.StartsWith("/v1/chat", StringComparison.Ordinal))
        {
            // The answer is stored in the background: wait for it, so that the next request can find it.
            await host.App.Services.GetRequiredService<AnswerCacheStage>().WhenIdleAsync();
        }

        return (response, json);
    }

    public static Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(GatewayHost host, string key, string path, string body) =>
        SendAsync(host, key, HttpMethod.Post, path, body);
}
