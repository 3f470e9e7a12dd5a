using System.Text;
using System.Text.Json.Nodes;
using Trinity.Bench.Load;

namespace Trinity.Bench.Soak;

/// <summary>Sends one soak request of each kind and names its outcome: <c>ok</c>, <c>disconnected</c> (meant),
/// <c>http_STATUS</c>, <c>stream_error</c>, <c>network</c>, or <c>hang</c> when it did not end within the request
/// timeout.</summary>
internal sealed class SoakClient(HttpClient http, Uri baseUrl, string model, SoakOptions options)
{
    public const string Collection = "soak-docs";
    public const string IngestCollection = "soak-ingest";

    private static readonly string[] Topics = ["password reset", "billing cycle", "api keys", "rate limits", "vector search", "answer cache", "kv transfer", "tenants"];

    private long _counter;

    public async Task<string> RunAsync(SoakOperation operation, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            return operation switch
            {
                SoakOperation.Chat => await ChatAsync(Unique("Tell me about"), retrieval: false, abandon: false, linked.Token).ConfigureAwait(false),
                SoakOperation.Rag => await ChatAsync(Unique("Using the documents, explain"), retrieval: true, abandon: false, linked.Token).ConfigureAwait(false),
                SoakOperation.Disconnect => await ChatAsync(Unique("Write at length about"), retrieval: false, abandon: true, linked.Token).ConfigureAwait(false),
                SoakOperation.CacheHit => await CachedAsync(linked.Token).ConfigureAwait(false),
                SoakOperation.Embeddings => await PostAsync("embeddings", new JsonObject { ["model"] = "trinity-hash-embed", ["input"] = new JsonArray("how do I reset my password", Unique("embed"), "billing", "tenants") }, linked.Token).ConfigureAwait(false),
                _ => await PostAsync($"collections/{IngestCollection}/documents", Documents(Random.Shared.Next(200), 2), linked.Token).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return "hang";
        }
        catch (HttpRequestException)
        {
            return "network";
        }
        catch (IOException)
        {
            return "network";
        }
    }

    /// <summary>Documents with ids <c>doc-{first}</c>…, each a few sentences on the soak's topics.</summary>
    public static JsonObject Documents(int first, int count)
    {
        var documents = new JsonArray();
        for (var i = first; i < first + count; i++)
        {
            var topic = Topics[i % Topics.Length];
            documents.Add(new JsonObject { ["id"] = $"doc-{i}", ["text"] = $"Document {i} is about {topic}. To handle {topic}, open the settings, choose {topic}, and follow the steps. Contact support if {topic} fails twice." });
        }

        return new JsonObject { ["documents"] = documents };
    }

    private string Unique(string prefix) => $"{prefix} {Topics[Random.Shared.Next(Topics.Length)]} number {Interlocked.Increment(ref _counter)}";

    private async Task<string> ChatAsync(string prompt, bool retrieval, bool abandon, CancellationToken cancellationToken)
    {
        var body = Chat(prompt, stream: true);
        if (retrieval)
        {
            body["retrieval"] = new JsonObject { ["collection"] = Collection, ["k"] = 3 };
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "chat/completions")) { Content = Json(body) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return $"http_{(int)response.StatusCode}";
        }

        if (abandon)
        {
            // Read the first event, then go away mid-stream: the gateway must cancel the sequence and free its slot.
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            return "disconnected";
        }

        var result = await ChatStreamReader.ReadAsync(response, () => 0, cancellationToken).ConfigureAwait(false);
        return result.Error is null or "no text" ? "ok" : "stream_error";
    }

    private async Task<string> CachedAsync(CancellationToken cancellationToken)
    {
        var body = Chat($"What is the answer to frequently asked question {Random.Shared.Next(8)}?", stream: false);
        using var response = await http.PostAsync(new Uri(baseUrl, "chat/completions"), Json(body), cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return !response.IsSuccessStatusCode ? $"http_{(int)response.StatusCode}"
            : response.Headers.TryGetValues("x-trinity-cache", out var status) && status.First() == "hit" ? "ok_hit" : "ok_miss";
    }

    private async Task<string> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(baseUrl, path), Json(body), cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? "ok" : $"http_{(int)response.StatusCode}";
    }

    private JsonObject Chat(string prompt, bool stream)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
            ["max_tokens"] = options.MaxTokens,
            ["temperature"] = 0,
        };
        if (stream)
        {
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return body;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
