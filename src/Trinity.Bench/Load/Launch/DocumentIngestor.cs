using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.Launch;

/// <summary>
/// Builds a <c>documents</c> collection through a running gateway, afresh: through its ingestion endpoint
/// (<c>POST /v1/collections/{name}/documents</c>, which chunks by tokens and embeds; a large ingest becomes a job that is
/// polled to its end), or, on a gateway without one, by creating the collection and upserting chunks cut by
/// <see cref="DocumentChunker"/> as <c>text</c> points. Either way each chunk's payload carries its <c>text</c>, which
/// retrieval puts into prompts.
/// </summary>
internal static class DocumentIngestor
{
    private const int Batch = 64;

    /// <returns>The number of chunks written.</returns>
    public static async Task<long> IngestAsync(HttpClient http, Uri openAiBaseUrl, WorkloadCollection collection)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(collection);
        var collections = new Uri(openAiBaseUrl, "collections/");
        using (var deleted = await http.DeleteAsync(new Uri(collections, collection.Name)).ConfigureAwait(false))
        {
            if (deleted.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
            {
                throw new InvalidOperationException($"deleting collection {collection.Name}: HTTP {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }
        }

        var root = RepositoryPaths.Root();
        var files = DocumentChunker.Files(collection.Paths)
            .Select(f => (Source: root is not null && f.StartsWith(root, StringComparison.Ordinal) ? Path.GetRelativePath(root, f) : Path.GetFileName(f), Text: File.ReadAllText(f)))
            .ToList();
        var body = new JsonObject
        {
            ["documents"] = new JsonArray([.. files.Select(f => new JsonObject { ["id"] = f.Source, ["text"] = f.Text, ["metadata"] = new JsonObject { ["source"] = f.Source } })]),
        };
        if (collection.ChunkTokens is { } tokens)
        {
            body["chunk_tokens"] = tokens;
        }

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(collections, $"{collection.Name}/documents"), content).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => JsonDocument.Parse(text).RootElement.GetProperty("chunks_written").GetInt64(),
            HttpStatusCode.Accepted => await WaitForJobAsync(http, new Uri(openAiBaseUrl, response.Headers.Location!.ToString())).ConfigureAwait(false),
            HttpStatusCode.NotFound when text.Contains("unknown_route", StringComparison.Ordinal) => await UpsertChunksAsync(http, openAiBaseUrl, collection, files).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"ingesting {collection.Name}: HTTP {(int)response.StatusCode} {text}"),
        };
    }

    private static async Task<long> WaitForJobAsync(HttpClient http, Uri job)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync(job).ConfigureAwait(false));
            var view = document.RootElement;
            switch (view.GetProperty("state").GetString())
            {
                case "succeeded":
                    return view.GetProperty("chunks_written").GetInt64();
                case "failed" or "cancelled":
                    throw new InvalidOperationException($"ingest job {job} ended {view.GetProperty("state")}: {view.GetProperty("error")}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"ingest job {job} did not finish in 10 minutes");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>The gateway has no ingestion endpoint: chunk here and upsert <c>text</c> points.</summary>
    private static async Task<long> UpsertChunksAsync(HttpClient http, Uri openAiBaseUrl, WorkloadCollection collection, List<(string Source, string Text)> files)
    {
        var spec = new JsonObject { ["name"] = collection.Name, ["dimension"] = collection.Dimension, ["metric"] = "cosine", ["index"] = "flat" };
        await PostAsync(http, new Uri(openAiBaseUrl, "collections"), spec).ConfigureAwait(false);
        var points = files.SelectMany(f => DocumentChunker.Chunk(f.Text, collection.ChunkChars).Select((chunk, i) => new JsonObject
        {
            ["id"] = $"{f.Source}#{i}",
            ["text"] = chunk,
            ["payload"] = new JsonObject { ["text"] = chunk, ["source"] = f.Source, ["document_id"] = f.Source, ["chunk_index"] = i },
        })).ToList();
        for (var start = 0; start < points.Count; start += Batch)
        {
            var batch = new JsonArray([.. points.Skip(start).Take(Batch)]);
            await PostAsync(http, new Uri(openAiBaseUrl, $"collections/{collection.Name}/points"), new JsonObject { ["points"] = batch }).ConfigureAwait(false);
        }

        return points.Count;
    }

    private static async Task PostAsync(HttpClient http, Uri url, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {url.AbsolutePath}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }
}
