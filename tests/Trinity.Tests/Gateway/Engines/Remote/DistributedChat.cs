using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trinity.Tests.Gateway.Engines.Remote;

/// <summary>Chat requests against a gateway, for the distributed-mode tests.</summary>
internal static class DistributedChat
{
    public static JsonObject Body(string prompt, int maxTokens, bool stream = false, bool ignoreEos = false) => new()
    {
        ["ignore_eos"] = ignoreEos,
        ["model"] = "trinity-tiny",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
        ["max_tokens"] = maxTokens,
        ["temperature"] = 0,
        ["stream"] = stream,
    };

    public static async Task<string> CompleteAsync(HttpClient client, string prompt, int maxTokens = 24)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/v1/chat/completions", UriKind.Relative), Body(prompt, maxTokens));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    /// <summary>Sum of a metric's samples in a process's Prometheus text (0 when absent).</summary>
    public static async Task<double> MetricAsync(string baseUrl, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{'))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Streams a chat; returns the content, whether [DONE] came, and the error event if any.</summary>
    public static async Task<(string Text, bool Done, string? Error)> StreamAsync(HttpClient client, string prompt, int maxTokens, Func<int, Task>? onChunk = null, bool ignoreEos = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative)) { Content = JsonContent.Create(Body(prompt, maxTokens, stream: true, ignoreEos)) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            // Only on failure: reading the body here would buffer the whole stream before any chunk is seen.
            Assert.Fail($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var text = new StringBuilder();
        var chunks = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                return (text.ToString(), true, null);
            }

            using var json = JsonDocument.Parse(data);
            if (json.RootElement.TryGetProperty("error", out var error))
            {
                return (text.ToString(), false, error.GetProperty("message").GetString());
            }

            foreach (var choice in json.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("delta").TryGetProperty("content", out var content))
                {
                    text.Append(content.GetString());
                }
            }

            if (onChunk is not null)
            {
                await onChunk(++chunks);
            }
        }

        return (text.ToString(), false, null);
    }
}
