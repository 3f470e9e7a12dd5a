using System.Text.Json;

namespace Trinity.Bench.Load;

/// <summary>Reads an OpenAI chat completion stream (<c>data: {chunk}</c> … <c>data: [DONE]</c>): the first chunk with
/// text is the first token, <c>[DONE]</c> is the end, output tokens come from the usage chunk, and the Trinity
/// extension's <c>trinity</c> object (cache status, retrieval time) is picked up where present.</summary>
internal static class ChatStreamReader
{
    /// <param name="response">A successful response whose body is the event stream.</param>
    /// <param name="elapsedMs">The caller's clock, read when the first token and the end arrive.</param>
    /// <param name="cancellationToken">Ends the read (the caller's run is over).</param>
    public static async Task<ChatStreamResult> ReadAsync(HttpResponseMessage response, Func<double> elapsedMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(elapsedMs);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        double ttft = double.NaN;
        var tokens = 0;
        string? cache = null;
        double? retrieval = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == "data: [DONE]")
            {
                return new ChatStreamResult(ttft, elapsedMs(), tokens, double.IsNaN(ttft) ? "no text" : null, cache, retrieval);
            }

            using var chunk = JsonDocument.Parse(line.AsMemory(6));
            var root = chunk.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                return ChatStreamResult.Failed(error.TryGetProperty("message", out var message) ? message.GetString() ?? "error event" : "error event");
            }

            if (double.IsNaN(ttft) && root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 })
            {
                ttft = elapsedMs();
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                tokens = usage.GetProperty("completion_tokens").GetInt32();
            }

            if (root.TryGetProperty("trinity", out var trinity) && trinity.ValueKind == JsonValueKind.Object)
            {
                (cache, retrieval) = ReadTrinity(trinity, cache, retrieval);
            }
        }

        return ChatStreamResult.Failed("stream ended without [DONE]");
    }

    private static (string? Cache, double? RetrievalMs) ReadTrinity(JsonElement trinity, string? cache, double? retrieval)
    {
        if (trinity.TryGetProperty("cache", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("status", out var status))
        {
            cache = status.GetString();
        }

        if (trinity.TryGetProperty("retrieval", out var r) && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("ms", out var ms) && ms.ValueKind == JsonValueKind.Number)
        {
            retrieval = ms.GetDouble();
        }

        return (cache, retrieval);
    }
}
