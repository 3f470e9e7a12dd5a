using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.Launch;

/// <summary>
/// Builds a <c>documents</c> collection through a running gateway: (re)creates it with the gateway's embedding
/// dimension and upserts the chunks of its files as <c>text</c> points, which the gateway embeds; the payload carries
/// the chunk's text and source, which retrieval puts into prompts.
/// </summary>
internal static class DocumentIngestor
{
    private const int Batch = 64;

    /// <returns>The number of chunks written.</returns>
    public static async Task<int> IngestAsync(HttpClient http, Uri openAiBaseUrl, WorkloadCollection collection)
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

        var spec = new JsonObject { ["name"] = collection.Name, ["dimension"] = collection.Dimension, ["metric"] = "cosine", ["index"] = "flat" };
        await PostAsync(http, new Uri(openAiBaseUrl, "collections"), spec).ConfigureAwait(false);
        var root = RepositoryPaths.Root();
        var points = new List<JsonObject>();
        foreach (var file in DocumentChunker.Files(collection.Paths))
        {
            var source = root is not null && file.StartsWith(root, StringComparison.Ordinal) ? Path.GetRelativePath(root, file) : Path.GetFileName(file);
            var chunks = DocumentChunker.Chunk(await File.ReadAllTextAsync(file).ConfigureAwait(false), collection.ChunkChars);
            points.AddRange(chunks.Select((text, i) => new JsonObject
            {
                ["id"] = $"{source}#{i}",
                ["text"] = text,
                ["payload"] = new JsonObject { ["text"] = text, ["source"] = source },
            }));
        }

        for (var start = 0; start < points.Count; start += Batch)
        {
            var batch = new JsonArray([.. points.Skip(start).Take(Batch)]);
            await PostAsync(http, new Uri(collections, $"{collection.Name}/points"), new JsonObject { ["points"] = batch }).ConfigureAwait(false);
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
