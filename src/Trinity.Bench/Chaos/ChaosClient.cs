using System.Text;
using System.Text.Json.Nodes;
using Trinity.Bench.Load;

namespace Trinity.Bench.Chaos;

/// <summary>
/// One client request of the chaos run, as a careful client sends it: a streamed chat completion to one gateway; when
/// it fails before its first token (connection refused, 5xx, an error event), once more to the other gateway. Its
/// outcome is <c>full</c> (answered the first time), <c>retried</c> (answered the second time), <c>error</c> (an HTTP
/// error or an error event ended it) or <c>hang</c> (nothing ended it within the request timeout).
/// </summary>
internal sealed class ChaosClient(HttpClient http, IReadOnlyList<Uri> gateways, string model, ChaosOptions options)
{
    public const string Collection = "chaos-docs";

    private enum Attempt
    {
        Answered,
        Retryable,
        Failed,
    }

    public async Task<string> RunAsync(int index, bool rag)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout);
        try
        {
            var first = await AttemptAsync(gateways[index % gateways.Count], index, rag, timeout.Token).ConfigureAwait(false);
            if (first != Attempt.Retryable)
            {
                return first == Attempt.Answered ? "full" : "error";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token).ConfigureAwait(false);
            var second = await AttemptAsync(gateways[(index + 1) % gateways.Count], index, rag, timeout.Token).ConfigureAwait(false);
            return second == Attempt.Answered ? "retried" : "error";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return "hang";
        }
    }

    private async Task<Attempt> AttemptAsync(Uri gateway, int index, bool rag, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Chaos question {index}: what happens to request {index} when a process dies?" }),
            ["max_tokens"] = options.MaxTokens,
            ["temperature"] = 0,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["answer_cache"] = new JsonObject { ["enabled"] = false },
        };
        if (rag)
        {
            body["retrieval"] = new JsonObject { ["collection"] = Collection, ["k"] = 2 };
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "chat/completions")) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (int)response.StatusCode is >= 500 or 429 ? Attempt.Retryable : Attempt.Failed;
            }

            var result = await ChatStreamReader.ReadAsync(response, () => 1, cancellationToken).ConfigureAwait(false);
            return result.Error is null or "no text" ? Attempt.Answered
                : double.IsNaN(result.TtftMs) ? Attempt.Retryable
                : Attempt.Failed;
        }
        catch (HttpRequestException)
        {
            return Attempt.Retryable;
        }
        catch (IOException)
        {
            // The connection broke mid-stream: the client saw the end of its stream, not a hang.
            return Attempt.Failed;
        }
    }
}
