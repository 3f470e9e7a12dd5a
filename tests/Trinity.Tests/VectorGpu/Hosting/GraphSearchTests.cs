using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Text.Json;
using Trinity.Bench.Vector;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.VectorGpu.Hosting;

/// <summary>Graph collections through the real pool: recall, batching and preemption invariance, deletes, filters, restarts.</summary>
public sealed class GraphSearchTests
{
    private const int Dimension = 32;

    [Fact]
    public async Task SearchAsync_GraphOnClusteredData_RecallAtLeast95Percent()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        var data = SyntheticVectors.Clustered(12_000, Dimension, clusters: 100, seed: 5);
        await VectorPoolSearchTests.CreateAndFill(host.Pool, "g", Dimension, VectorMetric.L2, IndexKind.Graph, data);
        var queries = SyntheticVectors.Clustered(200, Dimension, clusters: 100, seed: 1005);

        var recall = await Recall(host.Pool, "g", data, queries, ef: 64);

        Assert.True(recall >= 0.95, $"recall {recall}");
    }

    [Fact]
    public async Task SearchAsync_GraphOnFarApartHighDimensionalClusters_StaysConnectedAndRecallAtLeast95Percent()
    {
        // 128 dimensions, clusters ~9× farther apart than their points are: every near neighbour of a point is in its
        // own cluster and the points of a cluster are almost equidistant. Pruned with Vamana's α = 1.2 this set fell
        // apart into islands with points no node links to (recall stuck below 0.95 at any ef).
        const int Wide = 128;
        await using var host = await VectorPoolTestHost.StartAsync();
        var data = SyntheticVectors.Clustered(12_000, Wide, clusters: 96, seed: 8, noise: 0.12);
        await VectorPoolSearchTests.CreateAndFill(host.Pool, "far", Wide, VectorMetric.L2, IndexKind.Graph, data);
        var queries = SyntheticVectors.Clustered(200, Wide, clusters: 96, seed: 1008, noise: 0.12);

        var recall = await Recall(host.Pool, "far", data, queries, ef: 48, Wide);
        var graph = host.Services.GetRequiredService<Trinity.VectorGpu.Collections.CollectionRegistry>().Get("far").Graph!;

        Assert.True(recall >= 0.95, $"recall {recall}");
        Assert.True(graph.Seeds.Length <= 1, $"{graph.Seeds.Length} parts the entry does not reach");
    }

    [Fact]
    public async Task SearchBatchAsync_GraphQueriesAloneOrInterleavedAndPreempted_IdenticalResults()
    {
        var data = SyntheticVectors.Clustered(6000, Dimension, clusters: 40, seed: 21);
        var queries = SyntheticVectors.Clustered(48, Dimension, clusters: 40, seed: 22);
        var requests = Enumerable.Range(0, 48).Select(q => new VectorSearchRequest
        {
            Collection = "g",
            Vector = queries.AsSpan(q * Dimension, Dimension).ToArray(),
            K = 1 + (q % 12),
            Ef = 16 + (q % 5 * 24),
        }).ToList();

        List<VectorSearchResult> alone = [];
        await using (var host = await VectorPoolTestHost.StartAsync())
        {
            await VectorPoolSearchTests.CreateAndFill(host.Pool, "g", Dimension, VectorMetric.L2, IndexKind.Graph, data);
            foreach (var request in requests)
            {
                alone.Add(await host.Pool.SearchAsync(request, default));
            }
        }

        // Two expansions per walk per iteration, one at a time: every walk spans many iterations, shares them with
        // the others and with decode-stage flat scans of another collection, which the trinity policy runs first.
        var slow = new Dictionary<string, string?> { ["Trinity:VectorPool:GraphStepsPerIteration"] = "2", ["Trinity:VectorPool:GraphStepChunk"] = "1" };
        await using (var host = await VectorPoolTestHost.StartAsync(slow))
        {
            await VectorPoolSearchTests.CreateAndFill(host.Pool, "g", Dimension, VectorMetric.L2, IndexKind.Graph, data);
            await VectorPoolSearchTests.CreateAndFill(host.Pool, "memory", Dimension, VectorMetric.L2, IndexKind.Flat, SyntheticVectors.Random(20_000, Dimension, seed: 3));
            var decode = Enumerable.Range(0, 64).Select(i => host.Pool.SearchAsync(new VectorSearchRequest { Collection = "memory", Vector = queries.AsSpan(i % 48 * Dimension, Dimension).ToArray(), Stage = SearchStage.Decode }, default)).ToList();
            var interleaved = await host.Pool.SearchBatchAsync(requests, default);
            await Task.WhenAll(decode);

            for (var q = 0; q < requests.Count; q++)
            {
                Assert.Equal(requests[q].K, interleaved[q].Results.Count);
                Assert.Equal(alone[q].Results.Select(h => (h.Id, h.Score)), interleaved[q].Results.Select(h => (h.Id, h.Score)));
            }
        }
    }

    [Fact]
    public async Task SearchAsync_GraphAfterDeletingAThird_NeverReturnsDeletedPointsAndKeepsRecall()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        var data = SyntheticVectors.Clustered(6000, Dimension, clusters: 30, seed: 31);
        await VectorPoolSearchTests.CreateAndFill(host.Pool, "g", Dimension, VectorMetric.L2, IndexKind.Graph, data);
        var deleted = Enumerable.Range(0, 6000).Where(i => i % 3 == 0).ToHashSet();
        foreach (var chunk in deleted.Chunk(500))
        {
            await host.Pool.DeletePointsAsync("g", chunk.Select(i => (PointId)i).ToList(), default);
        }

        var queries = SyntheticVectors.Clustered(100, Dimension, clusters: 30, seed: 32);
        var results = await host.Pool.SearchBatchAsync(Requests("g", queries, 100, k: 10, ef: 64), default);

        var ids = results.SelectMany(r => r.Results).Select(h => int.Parse(h.Id.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(1000, ids.Count);
        Assert.DoesNotContain(ids, deleted.Contains);
        var live = Enumerable.Range(0, 6000).Where(i => !deleted.Contains(i)).ToArray();
        var liveData = live.SelectMany(i => data.AsSpan(i * Dimension, Dimension).ToArray()).ToArray();
        var truth = ExactSearch.Neighbours(liveData, live.Length, queries, 100, Dimension, 10, "l2").Select(i => live[i]).ToArray();
        var recall = ExactSearch.Recall(results.Select(r => r.Results.Select(h => int.Parse(h.Id.Value, CultureInfo.InvariantCulture)).ToArray()).ToList(), truth, 10, 10);
        Assert.True(recall >= 0.95, $"recall {recall}");
    }

    [Fact]
    public async Task SearchAsync_GraphWithSelectiveFilter_ReturnsKWheneverKMatchesExist()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        var data = SyntheticVectors.Clustered(5000, 16, clusters: 25, seed: 4);
        await VectorPoolSearchTests.CreateAndFill(host.Pool, "g", 16, VectorMetric.L2, IndexKind.Graph, data, payload: i => i % 500 == 0 ? "{\"tag\":\"rare\"}" : i % 2 == 0 ? "{\"tag\":\"even\"}" : "{\"tag\":\"odd\"}");
        var rare = new Dictionary<string, JsonElement> { ["tag"] = JsonDocument.Parse("\"rare\"").RootElement };
        var even = new Dictionary<string, JsonElement> { ["tag"] = JsonDocument.Parse("\"even\"").RootElement };

        var few = await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "g", Vector = data.AsSpan(16, 16).ToArray(), K = 10, Ef = 16, Filter = rare }, default);
        var half = await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "g", Vector = data.AsSpan(16, 16).ToArray(), K = 10, Ef = 32, Filter = even }, default);

        Assert.Equal(10, few.Results.Count);
        Assert.All(few.Results, h => Assert.Equal(0, int.Parse(h.Id.Value, CultureInfo.InvariantCulture) % 500));
        Assert.Equal(10, half.Results.Count);
        Assert.All(half.Results, h => Assert.Equal(0, int.Parse(h.Id.Value, CultureInfo.InvariantCulture) % 2));
    }

    [Fact]
    public async Task SearchAsync_GraphWithoutFilterOrDeletes_SameHitsAsThroughAFilterEveryPointMatches()
    {
        // Without filter or deleted rows a walk takes its hits from its beam; through a filter, from its heap of
        // accepted nodes. Both must give the same ids and scores, at k below, equal to and above ef.
        await using var host = await VectorPoolTestHost.StartAsync();
        var data = SyntheticVectors.Clustered(4000, Dimension, clusters: 20, seed: 31);
        await VectorPoolSearchTests.CreateAndFill(host.Pool, "g", Dimension, VectorMetric.L2, IndexKind.Graph, data, payload: _ => "{\"all\":true}");
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "q", Dimension = Dimension, Metric = VectorMetric.L2, Index = IndexKind.Graph, Storage = VectorStorage.Sq8 }, default);
        await VectorPoolSearchTests.Fill(host.Pool, "q", Dimension, data, payload: _ => "{\"all\":true}");
        var everything = new Dictionary<string, JsonElement> { ["all"] = JsonDocument.Parse("true").RootElement };
        var queries = SyntheticVectors.Clustered(20, Dimension, clusters: 20, seed: 32);

        foreach (var (collection, k, ef) in new[] { ("g", 10, 16), ("g", 16, 16), ("g", 20, 8), ("q", 10, 12), ("q", 5, 64) })
        {
            for (var q = 0; q < 20; q++)
            {
                var request = new VectorSearchRequest { Collection = collection, Vector = queries.AsSpan(q * Dimension, Dimension).ToArray(), K = k, Ef = ef };
                var plain = await host.Pool.SearchAsync(request, default);
                var filtered = await host.Pool.SearchAsync(request with { Filter = everything }, default);
                Assert.Equal(k, plain.Results.Count);
                Assert.Equal(filtered.Results.Select(h => (h.Id, h.Score)), plain.Results.Select(h => (h.Id, h.Score)));
            }
        }
    }

    [Theory]
    [InlineData(VectorStorage.Sq8, RerankSource.Disk)]
    [InlineData(VectorStorage.Sq8, RerankSource.Memory)]
    [InlineData(VectorStorage.Fp16, RerankSource.Disk)]
    public async Task SearchAsync_QuantizedGraph_RecallWithinOnePointOfFp32(VectorStorage storage, RerankSource rerank)
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        var data = SyntheticVectors.Clustered(6000, Dimension, clusters: 60, seed: 41);
        var queries = SyntheticVectors.Clustered(200, Dimension, clusters: 60, seed: 42);
        await VectorPoolSearchTests.CreateAndFill(host.Pool, "exact", Dimension, VectorMetric.L2, IndexKind.Graph, data);
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "quantized", Dimension = Dimension, Metric = VectorMetric.L2, Index = IndexKind.Graph, Storage = storage, Rerank = rerank }, default);
        await Fill(host.Pool, "quantized", data);

        var exact = await Recall(host.Pool, "exact", data, queries, ef: 32);
        var quantized = await Recall(host.Pool, "quantized", data, queries, ef: 32);
        var info = await host.Pool.GetCollectionAsync("quantized", default);

        Assert.True(quantized >= exact - 0.01, $"{storage}: recall {quantized} vs fp32 {exact}");
        Assert.Equal(storage, info.Storage);
    }

    [Fact]
    public async Task Restart_GraphCollectionAfterSnapshotAndLogTail_SameResults()
    {
        var home = Directory.CreateTempSubdirectory("trinity-graph-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Trinity:VectorPool:SnapshotLogBytes"] = "300000" };
            var data = SyntheticVectors.Clustered(5000, Dimension, clusters: 30, seed: 51);
            var queries = SyntheticVectors.Clustered(64, Dimension, clusters: 30, seed: 52);
            IReadOnlyList<VectorSearchResult> before;
            await using (var host = await VectorPoolTestHost.StartAsync(settings, home))
            {
                await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "g", Dimension = Dimension, Metric = VectorMetric.L2, Index = IndexKind.Graph, M = 8, Storage = VectorStorage.Sq8 }, default);
                await Fill(host.Pool, "g", data, chunk: 700);
                await host.Pool.DeletePointsAsync("g", Enumerable.Range(0, 400).Select(i => (PointId)(i * 7)).ToList(), default);
                await host.Pool.UpsertAsync("g", [new VectorPoint { Id = 1, Vector = data.AsSpan(2 * Dimension, Dimension).ToArray() }], default);
                before = await host.Pool.SearchBatchAsync(Requests("g", queries, 64, k: 10, ef: 40), default);
            }

            Assert.True(File.Exists(Path.Combine(home, "collections", "g", "graph.bin")));
            await using var restarted = await VectorPoolTestHost.StartAsync(settings, home);
            var after = await restarted.Pool.SearchBatchAsync(Requests("g", queries, 64, k: 10, ef: 40), default);

            for (var q = 0; q < 64; q++)
            {
                Assert.Equal(before[q].Results.Select(h => (h.Id, h.Score)), after[q].Results.Select(h => (h.Id, h.Score)));
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    internal static List<VectorSearchRequest> Requests(string collection, float[] queries, int count, int k, int ef, int dimension = Dimension) =>
        Enumerable.Range(0, count).Select(q => new VectorSearchRequest { Collection = collection, Vector = queries.AsSpan(q * dimension, dimension).ToArray(), K = k, Ef = ef }).ToList();

    private static async Task Fill(IVectorPool pool, string name, float[] data, int chunk = 2000)
    {
        var count = data.Length / Dimension;
        for (var start = 0; start < count; start += chunk)
        {
            var points = Enumerable.Range(start, Math.Min(chunk, count - start)).Select(i => new VectorPoint { Id = i, Vector = data.AsSpan(i * Dimension, Dimension).ToArray() }).ToList();
            await pool.UpsertAsync(name, points, default);
        }
    }

    private static async Task<double> Recall(IVectorPool pool, string collection, float[] data, float[] queries, int ef, int dimension = Dimension)
    {
        var count = queries.Length / dimension;
        var results = await pool.SearchBatchAsync(Requests(collection, queries, count, k: 10, ef: ef, dimension), default);
        var truth = ExactSearch.Neighbours(data, data.Length / dimension, queries, count, dimension, 10, "l2");
        var found = results.Select(r => r.Results.Select(h => int.Parse(h.Id.Value, CultureInfo.InvariantCulture)).ToArray()).ToList();
        return ExactSearch.Recall(found, truth, 10, 10);
    }
}
