using System.Text.Json;
using Trinity.Bench.Vector;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.VectorGpu.Hosting;

public sealed class VectorPoolSearchTests
{
    [Fact]
    public async Task SearchBatchAsync_QueryAloneOrInBatchOf64_IdenticalIdsAndScores()
    {
        await using var host = await VectorPoolTestHost.StartAsync(new Dictionary<string, string?> { ["Trinity:VectorPool:SliceRows"] = "1000" });
        const int Dimension = 48;
        var data = SyntheticVectors.Random(6000, Dimension, seed: 11);
        await CreateAndFill(host.Pool, "inv", Dimension, VectorMetric.Cosine, IndexKind.Flat, data);
        var queries = SyntheticVectors.Random(64, Dimension, seed: 12);
        var requests = Enumerable.Range(0, 64).Select(q => new VectorSearchRequest { Collection = "inv", Vector = queries.AsSpan(q * Dimension, Dimension).ToArray(), K = 10 }).ToList();

        var batch = await host.Pool.SearchBatchAsync(requests, default);
        for (var q = 0; q < 64; q++)
        {
            var alone = await host.Pool.SearchAsync(requests[q], default);
            Assert.Equal(alone.Results.Select(h => (h.Id, h.Score)), batch[q].Results.Select(h => (h.Id, h.Score)));
        }
    }

    [Fact]
    public async Task SearchAsync_AnsweredRejectedOrCancelled_NoSearchLeftCountedInFlight()
    {
        await using var host = await VectorPoolTestHost.StartAsync(new Dictionary<string, string?> { ["Trinity:VectorPool:AnswerSpinMicroseconds"] = "5000" });
        const int Dimension = 16;
        var data = SyntheticVectors.Random(3000, Dimension, seed: 3);
        await CreateAndFill(host.Pool, "count", Dimension, VectorMetric.L2, IndexKind.Flat, data);
        var request = new VectorSearchRequest { Collection = "count", Vector = data.AsSpan(0, Dimension).ToArray(), K = 3 };

        var lone = await host.Pool.SearchAsync(request, default);
        var batch = await host.Pool.SearchBatchAsync(Enumerable.Repeat(request, 8).ToList(), default);
        await Assert.ThrowsAsync<VectorPoolException>(() => host.Pool.SearchAsync(request with { K = 0 }, default));
        await Assert.ThrowsAsync<VectorPoolException>(() => host.Pool.SearchBatchAsync([request, request with { Collection = "missing" }], default));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Pool.SearchAsync(request, cancelled.Token));

        Assert.Equal("0", lone.Results[0].Id.Value);
        Assert.All(batch, r => Assert.Equal(lone.Results.Select(h => (h.Id, h.Score)), r.Results.Select(h => (h.Id, h.Score))));
        Assert.Equal(0, host.Internal.InFlight);
    }

    [Fact]
    public async Task SearchAsync_IvfOnClusteredData_RecallAtLeast95PercentAtNprobe8()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        const int Count = 20_000, Dimension = 32, Queries = 200, K = 10;
        var data = SyntheticVectors.Clustered(Count, Dimension, clusters: 100, seed: 5);
        await CreateAndFill(host.Pool, "ivf", Dimension, VectorMetric.L2, IndexKind.Ivf, data, nlist: 64);
        await host.Internal.WaitForIndexAsync("ivf");
        Assert.Equal(64, (await host.Pool.GetCollectionAsync("ivf", default)).Nlist);
        var queries = SyntheticVectors.Clustered(Queries, Dimension, clusters: 100, seed: 5 + 1000);

        var requests = Enumerable.Range(0, Queries).Select(q => new VectorSearchRequest { Collection = "ivf", Vector = queries.AsSpan(q * Dimension, Dimension).ToArray(), K = K, Nprobe = 8 }).ToList();
        var results = await host.Pool.SearchBatchAsync(requests, default);

        var truth = ExactSearch.Neighbours(data, Count, queries, Queries, Dimension, K, "l2");
        var found = results.Select(r => r.Results.Select(h => int.Parse(h.Id.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        var recall = ExactSearch.Recall(found, truth, K, K);
        Assert.True(recall >= 0.95, $"recall {recall}");
    }

    [Fact]
    public async Task UpsertAsync_IntoTrainedIvf_NewPointSearchableAtOnce()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        var data = SyntheticVectors.Clustered(4000, 16, clusters: 20, seed: 9);
        await CreateAndFill(host.Pool, "fresh", 16, VectorMetric.L2, IndexKind.Ivf, data, nlist: 16);
        await host.Internal.WaitForIndexAsync("fresh");
        var probe = Enumerable.Repeat(3.5f, 16).ToArray();

        await host.Pool.UpsertAsync("fresh", [new VectorPoint { Id = "new", Vector = probe }], default);
        var hit = (await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "fresh", Vector = probe, K = 1, Nprobe = 1 }, default)).Results.Single();

        Assert.Equal("new", hit.Id.Value);
        Assert.Equal(0f, hit.Score);
    }

    [Fact]
    public async Task SearchAsync_SelectiveFilterOnIvf_ReturnsKWheneverKMatchesExist()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        var data = SyntheticVectors.Clustered(5000, 16, clusters: 25, seed: 4);
        await CreateAndFill(host.Pool, "filtered", 16, VectorMetric.L2, IndexKind.Ivf, data, nlist: 32, payload: i => i % 500 == 0 ? "{\"tag\":\"rare\",\"n\":1}" : "{\"tag\":\"common\"}");
        await host.Internal.WaitForIndexAsync("filtered");
        var filter = new Dictionary<string, JsonElement> { ["tag"] = JsonDocument.Parse("\"rare\"").RootElement, ["n"] = JsonDocument.Parse("1").RootElement };

        var result = await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "filtered", Vector = data.AsSpan(16, 16).ToArray(), K = 10, Nprobe = 1, Filter = filter }, default);

        Assert.Equal(10, result.Results.Count);
        Assert.All(result.Results, h => Assert.Equal(0, int.Parse(h.Id.Value, System.Globalization.CultureInfo.InvariantCulture) % 500));
    }

    [Fact]
    public async Task SearchAsync_TextQuery_FindsTheMatchingTextPoint()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "texts", Dimension = 384 }, default);
        await host.Pool.UpsertAsync("texts", [
            new VectorPoint { Id = "a", Text = "the cat sat on the mat" },
            new VectorPoint { Id = "b", Text = "quarterly revenue grew by ten percent" },
            new VectorPoint { Id = "c", Text = "rust borrow checker lifetimes" }], default);

        var hits = (await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "texts", Text = "how did revenue grow this quarter", K = 1, Stage = SearchStage.Decode }, default)).Results;

        Assert.Equal("b", hits.Single().Id.Value);
    }

    internal static async Task CreateAndFill(IVectorPool pool, string name, int dimension, VectorMetric metric, IndexKind index, float[] data, int? nlist = null, Func<int, string>? payload = null)
    {
        await pool.CreateCollectionAsync(new CollectionSpec { Name = name, Dimension = dimension, Metric = metric, Index = index, Nlist = nlist }, default);
        await Fill(pool, name, dimension, data, payload);
    }

    internal static async Task Fill(IVectorPool pool, string name, int dimension, float[] data, Func<int, string>? payload = null)
    {
        var count = data.Length / dimension;
        for (var start = 0; start < count; start += 2000)
        {
            var points = Enumerable.Range(start, Math.Min(2000, count - start)).Select(i => new VectorPoint
            {
                Id = i,
                Vector = data.AsSpan(i * dimension, dimension).ToArray(),
                Payload = payload is null ? null : JsonDocument.Parse(payload(i)).RootElement,
            }).ToList();
            await pool.UpsertAsync(name, points, default);
        }
    }
}
