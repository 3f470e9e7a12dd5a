using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Trinity.Bench.Ingest;

/// <summary>Posts batches to <c>/v1/collections/{name}/documents</c> and follows the jobs the server answers with
/// (202); waits and retries when the server's job queue is full (429 with <c>Retry-After</c>), and sends a batch in
/// halves when its body is too large for the server (413).</summary>
internal sealed partial class IngestApiClient(HttpClient http, IngestOptions options)
{
    private const int MaxQueueRetries = 30;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Non-ASCII text is sent as UTF-8, not as <c>\uXXXX</c> escapes (six bytes a character).</summary>
    private static readonly JsonSerializerOptions BodyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Sends one batch; <paramref name="progress"/> gets the documents done of the batch while a job runs.</summary>
    public async Task<BatchOutcome> SendAsync(IReadOnlyList<SourceDocument> batch, Action<int> progress, CancellationToken cancellationToken)
    {
        var body = Body(batch);
        for (var attempt = 0; ; attempt++)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(options.Url, $"v1/collections/{Uri.EscapeDataString(options.Collection)}/documents"), content, cancellationToken)
                .ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxQueueRetries)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge && batch.Count > 1)
            {
                var half = batch.Count / 2;
                var first = await SendAsync([.. batch.Take(half)], progress, cancellationToken).ConfigureAwait(false);
                var second = await SendAsync([.. batch.Skip(half)], done => progress(first.Documents + done), cancellationToken).ConfigureAwait(false);
                return new BatchOutcome(first.Documents + second.Documents, first.ChunksWritten + second.ChunksWritten, first.ChunksDeleted + second.ChunksDeleted, first.Jobs + second.Jobs);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new IngestFailedException(Describe(response.StatusCode, text, batch));
            }

            var root = JsonNode.Parse(text)!.AsObject();
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new BatchOutcome(Int(root, "documents_done"), Long(root, "chunks_written"), Long(root, "chunks_deleted"), 0);
            }

            var job = root["job"]!.AsObject();
            return await FollowAsync(job["id"]!.GetValue<string>(), progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Points in the collection now.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(options.Url, $"v1/collections/{Uri.EscapeDataString(options.Collection)}"), cancellationToken).ConfigureAwait(false);
        return Long(JsonNode.Parse(text)!.AsObject(), "count");
    }

    private async Task<BatchOutcome> FollowAsync(string id, Action<int> progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.GetAsync(new Uri(options.Url, $"v1/ingest/jobs/{id}"), cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new IngestFailedException($"job {id}: {Describe(response.StatusCode, text, [])}");
            }

            var job = JsonNode.Parse(text)!.AsObject();
            var done = Int(job, "documents_done");
            progress(done);
            switch (job["state"]?.GetValue<string>())
            {
                case "succeeded":
                    return new BatchOutcome(done, Long(job, "chunks_written"), Long(job, "chunks_deleted"), 1);
                case "failed" or "cancelled":
                    throw new IngestFailedException($"job {id} {job["state"]}: {job["error"]?["message"]?.GetValue<string>() ?? "no reason given"}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Body(IReadOnlyList<SourceDocument> batch)
    {
        var documents = new JsonArray();
        foreach (var document in batch)
        {
            documents.Add(new JsonObject
            {
                ["id"] = document.Id,
                ["text"] = document.Text,
                ["metadata"] = new JsonObject { ["path"] = document.Id, ["title"] = document.Title },
            });
        }

        var body = new JsonObject { ["documents"] = documents };
        if (options.ChunkTokens is { } chunk)
        {
            body["chunk_tokens"] = chunk;
        }

        if (options.OverlapTokens is { } overlap)
        {
            body["overlap_tokens"] = overlap;
        }

        return body.ToJsonString(BodyOptions);
    }

    /// <summary>One line: status, the server's message, and the file a <c>documents[i]</c> parameter points at.</summary>
    private static string Describe(HttpStatusCode status, string body, IReadOnlyList<SourceDocument> batch)
    {
        string message;
        try
        {
            var error = JsonNode.Parse(body)?["error"];
            message = error?["message"]?.GetValue<string>() ?? body;
            if (error?["param"]?.GetValue<string>() is { } param && DocumentParam().Match(param) is { Success: true } match
                && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < batch.Count)
            {
                message = $"{batch[index].Id}: {message}";
            }
        }
        catch (JsonException)
        {
            message = body.Length > 200 ? body[..200] : body;
        }

        return $"HTTP {(int)status}: {message.ReplaceLineEndings(" ")}";
    }

    private static int Int(JsonObject node, string name) => node[name]?.GetValue<int>() ?? 0;

    private static long Long(JsonObject node, string name) => node[name]?.GetValue<long>() ?? 0;

    [GeneratedRegex(@"^documents\[(\d+)\]")]
    private static partial Regex DocumentParam();
}
