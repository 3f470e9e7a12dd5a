using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Trinity.Bench.Load;

/// <summary>Sends streaming chat completions (<c>stream_options.include_usage</c>) and times them with
/// <see cref="ChatStreamReader"/>: TTFT is the first chunk carrying text, E2E is <c>data: [DONE]</c>, output tokens come
/// from the usage chunk.</summary>
internal sealed class StreamingChatClient(HttpClient http, Uri baseUrl, string model, ServeOptions options)
{
    public static HttpClient CreateHttpClient(string? apiKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 1024 })
        {
            Timeout = TimeSpan.FromMinutes(10),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>The first model of <c>/v1/models</c>.</summary>
    public static async Task<string> FirstModelAsync(HttpClient http, Uri baseUrl)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUrl, "models")).ConfigureAwait(false));
        return document.RootElement.GetProperty("data")[0].GetProperty("id").GetString()
            ?? throw new InvalidOperationException("the server lists no model");
    }

    public async Task<RequestSample> SendAsync(int index)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = model,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = ServeOptions.Prompt(index) } },
            ["max_tokens"] = options.MaxTokens,
            ["temperature"] = 0,
            ["stream"] = true,
            ["stream_options"] = new Dictionary<string, bool> { ["include_usage"] = true },
            ["ignore_eos"] = options.IgnoreEos,
            // The closed loop measures generation: prompts differ only in their number, which the answer cache's
            // guard refuses anyway, but a lookup per request is not what this bench is about.
            ["answer_cache"] = new Dictionary<string, bool> { ["enabled"] = false },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "chat/completions"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return RequestSample.Failed($"HTTP {(int)response.StatusCode}");
            }

            double? serverTtft = response.Headers.TryGetValues("x-trinity-ttft-ms", out var values)
                && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out var server) ? server : null;
            var result = await ChatStreamReader.ReadAsync(response, () => clock.Elapsed.TotalMilliseconds, CancellationToken.None).ConfigureAwait(false);
            return result.Error is null || result.Error == "no text"
                ? new RequestSample(result.TtftMs, result.E2eMs, result.OutputTokens, serverTtft, result.Error)
                : RequestSample.Failed(result.Error);
        }
        catch (HttpRequestException ex)
        {
            return RequestSample.Failed(ex.Message);
        }
    }
}
