using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.Launch;

/// <summary>
/// Builds what a workload needs in a home folder, once: <c>synthetic</c> collections in-process through the vector
/// pool, then — with a gateway launched on that home, which also creates the built-in model — <c>documents</c>
/// collections through its API. Collections whose <see cref="PreparedMarker"/> matches are kept unless forced.
/// </summary>
internal static class WorkloadPreparer
{
    public static async Task PrepareAsync(Workload workload, string home, bool force, IReadOnlyDictionary<string, string> settings, HttpClient http, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(home);
        foreach (var collection in workload.Collections.Where(c => c.Source == "synthetic" && (force || !PreparedMarker.IsCurrent(home, c))))
        {
            log($"preparing {collection.Name}: {collection.Points:N0} random {collection.Dimension}-d vectors (in-process, once)");
            PreparedMarker.Remove(home, collection.Name);
            var folder = Path.Combine(home, "collections", collection.Name);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            await SyntheticCollectionWriter.WriteAsync(home, collection, _ => { }).ConfigureAwait(false);
            PreparedMarker.Write(home, collection);
        }

        var documents = workload.Collections.Where(c => c.Source == "documents" && (force || !PreparedMarker.IsCurrent(home, c))).ToList();
        if (documents.Count == 0 && Directory.Exists(Path.Combine(home, "models")))
        {
            return;
        }

        log("starting a gateway on the home folder to ingest documents and create the model");
        await using var gateway = await LaunchedGateway.StartAsync(home, policy: null, workload, settings, http, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        foreach (var collection in documents)
        {
            PreparedMarker.Remove(home, collection.Name);
            var chunks = await DocumentIngestor.IngestAsync(http, gateway.BaseUrl, collection).ConfigureAwait(false);
            log($"prepared {collection.Name}: {chunks} chunks of {string.Join(", ", collection.Paths)}");
            PreparedMarker.Write(home, collection);
        }
    }
}
