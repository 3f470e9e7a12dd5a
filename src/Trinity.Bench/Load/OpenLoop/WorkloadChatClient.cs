using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.OpenLoop;

/// <summary>Sends the streaming chat request of a <see cref="PlannedRequest"/>: the kind's prompt, token budget, SLO
/// class (<c>x-trinity-slo</c>), <c>retrieval</c> and <c>answer_cache</c> objects; and times it from its scheduled
/// arrival.</summary>
internal sealed class WorkloadChatClient(HttpClient http, Uri baseUrl, string model, Workload workload)
{
    public const string SloHeader = "x-trinity-slo";

    /// <summary>Sends <paramref name="planned"/>; <paramref name="runElapsedMs"/> is the run's clock, on which the
    /// request was due at <see cref="PlannedRequest.AtSeconds"/>.</summary>
    public async Task<WorkloadSample> SendAsync(PlannedRequest planned, Func<double> runElapsedMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runElapsedMs);
        var kind = workload.Kinds[planned.Kind];
        var due = planned.AtSeconds * 1000;
        double Elapsed() => runElapsedMs() - due;
        var lag = Elapsed();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "chat/completions"))
        {
            Content = new StringContent(Body(kind, workload.PromptsOf(kind)[planned.Prompt]), Encoding.UTF8, "application/json"),
        };
        if (workload.SloHeader)
        {
            request.Headers.TryAddWithoutValidation(SloHeader, kind.Slo);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return Failed(planned, kind, status, $"HTTP {status}: {ErrorMessage(text)}", lag);
            }

            var result = await ChatStreamReader.ReadAsync(response, Elapsed, cancellationToken).ConfigureAwait(false);
            return new WorkloadSample(planned.Index, kind.Name, status, result.TtftMs, result.E2eMs, result.OutputTokens, result.Error, result.CacheStatus, result.RetrievalMs, lag);
        }
        catch (HttpRequestException ex)
        {
            return Failed(planned, kind, 0, ex.Message, lag);
        }
        catch (OperationCanceledException)
        {
            return Failed(planned, kind, 0, "not finished when the run ended", lag);
        }
    }

    /// <summary>The JSON body of a request of <paramref name="kind"/> asking <paramref name="prompt"/>.</summary>
    public string Body(WorkloadKind kind, string prompt)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var messages = new JsonArray();
        if (kind.System is { } system)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = prompt });
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = messages,
            ["max_tokens"] = kind.MaxTokens,
            ["temperature"] = 0,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["ignore_eos"] = workload.IgnoreEos,
        };
        if (kind.Retrieval is { } retrieval)
        {
            var node = new JsonObject { ["collection"] = retrieval.Collection, ["k"] = retrieval.K, ["mode"] = retrieval.Mode };
            if (retrieval.IntervalTokens is { } interval)
            {
                node["interval_tokens"] = interval;
            }

            body["retrieval"] = node;
        }

        var cache = kind.AnswerCache ?? new WorkloadAnswerCache { Enabled = false };
        body["answer_cache"] = cache.Threshold is { } threshold
            ? new JsonObject { ["enabled"] = cache.Enabled, ["threshold"] = threshold }
            : new JsonObject { ["enabled"] = cache.Enabled };
        return body.ToJsonString();
    }

    private static WorkloadSample Failed(PlannedRequest planned, WorkloadKind kind, int status, string error, double lag) =>
        new(planned.Index, kind.Name, status, double.NaN, double.NaN, 0, error, SendLagMs: lag);

    /// <summary>The OpenAI error's message, else the start of the body.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? string.Empty;
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return body.Length > 200 ? body[..200] : body;
    }
}
