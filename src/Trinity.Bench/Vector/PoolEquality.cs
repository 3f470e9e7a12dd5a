using System.Globalization;
using System.Text.Json;
using Trinity.VectorGpu.Client;

namespace Trinity.Bench.Vector;

/// <summary>
/// One seeded scenario through the whole pool (loop, scheduler, collections, device): flat and IVF collections in
/// every metric with payloads, upserts that overwrite, deletes, then one batch of searches mixing collections,
/// dimensions, k (1 to past the GPU kernel's per-task keep), filters and nprobe. Run once per device, the answers
/// (ids and scores) must be identical.
/// </summary>
internal static class PoolEquality
{
    /// <summary>The answers of every search, in request order, on the pool configured with <paramref name="device"/>.</summary>
    public static async Task<(string DeviceName, IReadOnlyList<VectorSearchResult> Results, IReadOnlyList<string> Labels)> RunAsync(string device, int n, int dimension, int queries)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Trinity:VectorPool:Device"] = device,
            ["Trinity:VectorPool:IvfMinTrainPoints"] = "256",
            ["Trinity:VectorPool:SliceRows"] = "1024",
            ["Trinity:VectorPool:SnapshotLogBytes"] = (1L << 40).ToString(CultureInfo.InvariantCulture),
        };
        await using var harness = await PoolHarness.StartAsync(settings).ConfigureAwait(false);
        var collections = new (string Name, int Dimension, VectorMetric Metric, IndexKind Index)[]
        {
            ("flat_l2", dimension, VectorMetric.L2, IndexKind.Flat),
            ("flat_cosine", dimension + 7, VectorMetric.Cosine, IndexKind.Flat),
            ("ivf_ip", dimension, VectorMetric.Ip, IndexKind.Ivf),
            ("ivf_l2", dimension + 7, VectorMetric.L2, IndexKind.Ivf),
        };
        var requests = new List<VectorSearchRequest>();
        var labels = new List<string>();
        var seed = 100;
        foreach (var (name, d, metric, index) in collections)
        {
            await harness.Pool.CreateCollectionAsync(new CollectionSpec { Name = name, Dimension = d, Metric = metric, Index = index, Nlist = index == IndexKind.Ivf ? 16 : null }, default).ConfigureAwait(false);
            var centres = ++seed + 50;
            var data = SyntheticVectors.Clustered(n, d, 24, seed, centres);
            var points = Enumerable.Range(0, n).Select(i => new VectorPoint
            {
                Id = i,
                Vector = data.AsSpan(i * d, d).ToArray(),
                Payload = JsonSerializer.SerializeToElement(new Dictionary<string, int> { ["group"] = i % 3 }),
            }).ToList();
            await harness.Pool.UpsertAsync(name, points, default).ConfigureAwait(false);
            await harness.Pool.WaitForIndexAsync(name).ConfigureAwait(false);

            // Overwrite every 13th point with another's vector (ties), delete every 11th.
            var rewrites = Enumerable.Range(0, n / 13).Select(i => points[i * 13] with { Vector = points[(i * 13) + 1].Vector }).ToList();
            await harness.Pool.UpsertAsync(name, rewrites, default).ConfigureAwait(false);
            await harness.Pool.DeletePointsAsync(name, [.. Enumerable.Range(0, n / 11).Select(i => new PointId((i * 11).ToString(CultureInfo.InvariantCulture)))], default).ConfigureAwait(false);
            var probes = SyntheticVectors.Clustered(queries, d, 24, ++seed, centres);
            for (var q = 0; q < queries; q++)
            {
                var k = new[] { 1, 10, 100, 300 }[q % 4];
                var filtered = q % 3 == 2;
                requests.Add(new VectorSearchRequest
                {
                    Collection = name,
                    Vector = probes.AsSpan(q * d, d).ToArray(),
                    K = k,
                    Nprobe = index == IndexKind.Ivf ? 4 : null,
                    Filter = filtered ? new Dictionary<string, JsonElement> { ["group"] = JsonSerializer.SerializeToElement(1) } : null,
                    Stage = q % 2 == 0 ? SearchStage.Decode : SearchStage.Prefill,
                });
                labels.Add($"{name} k={k}{(filtered ? " filtered" : "")}");
            }
        }

        var results = await harness.Pool.SearchBatchAsync(requests, default).ConfigureAwait(false);
        return (harness.DeviceName, results, labels);
    }

    /// <summary>Indexes of the searches whose answers differ (ids, order or scores).</summary>
    public static List<int> Differences(IReadOnlyList<VectorSearchResult> expected, IReadOnlyList<VectorSearchResult> actual) =>
        [.. Enumerable.Range(0, expected.Count).Where(i =>
            !expected[i].Results.Select(h => (h.Id.Value, h.Score)).SequenceEqual(actual[i].Results.Select(h => (h.Id.Value, h.Score))))];
}
