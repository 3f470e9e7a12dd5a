using Microsoft.Extensions.DependencyInjection;
using Trinity.Bench.Vector;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;

namespace Trinity.Tests.VectorGpu.Collections;

/// <summary>Deleted rows are reclaimed: memory stops growing under churn, results stay right, restarts agree.</summary>
public sealed class CollectionCompactionTests
{
    private const int Dimension = 16;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Trinity:VectorPool:CompactionMinDeadRows"] = "64",
        ["Trinity:VectorPool:IvfMinTrainPoints"] = "256",
        ["Trinity:VectorPool:QuantizerTrainPoints"] = "200",
    };

    [Theory]
    [InlineData(IndexKind.Flat, VectorStorage.Fp32)]
    [InlineData(IndexKind.Ivf, VectorStorage.Fp32)]
    [InlineData(IndexKind.Graph, VectorStorage.Fp32)]
    [InlineData(IndexKind.Graph, VectorStorage.Sq8)]
    public async Task Churn_UnderNewIds_RowsReclaimedResultsExactAndRestartAgrees(IndexKind index, VectorStorage storage)
    {
        var home = Directory.CreateTempSubdirectory("trinity-compact-").FullName;
        try
        {
            var data = SyntheticVectors.Clustered(3000, Dimension, clusters: 12, seed: 71);
            var queries = SyntheticVectors.Clustered(32, Dimension, clusters: 12, seed: 72);
            var live = new Dictionary<int, float[]>();
            IReadOnlyList<VectorSearchResult> before;
            await using (var host = await VectorPoolTestHost.StartAsync(Settings, home))
            {
                await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "c", Dimension = Dimension, Metric = VectorMetric.L2, Index = index, Nlist = index == IndexKind.Ivf ? 8 : null, Storage = storage }, default);
                await Upsert(host.Pool, data, 0, 400, live);
                var collection = host.Services.GetRequiredService<CollectionRegistry>().Get("c");
                await collection.WaitForIndexAsync();
                var bytesAfterFirstFill = (await host.Pool.GetCollectionAsync("c", default)).MemoryBytes;

                // Replace a block of points with new ids, over and over: 2,600 rows written for 400 live.
                for (var round = 0; round < 13; round++)
                {
                    var start = 400 + (round * 200);
                    await Upsert(host.Pool, data, start, 200, live);
                    var victims = live.Keys.Order().Take(200).ToList();
                    await host.Pool.DeletePointsAsync("c", victims.Select(v => (PointId)v).ToList(), default);
                    victims.ForEach(v => live.Remove(v));
                    await collection.WaitForIndexAsync();
                }

                Assert.True(collection.Compactions > 0, "no compaction ran");
                Assert.True(collection.DeadRows < 400, $"{collection.DeadRows} dead rows kept");
                var info = await host.Pool.GetCollectionAsync("c", default);
                Assert.Equal(live.Count, info.Count);
                Assert.True(info.MemoryBytes <= 4 * bytesAfterFirstFill, $"{info.MemoryBytes} bytes after churn, {bytesAfterFirstFill} after the first fill");

                before = await host.Pool.SearchBatchAsync(Requests(queries, k: 10), default);
                var ids = live.Keys.ToArray();
                var corpus = ids.SelectMany(i => live[i]).ToArray();
                var truth = ExactSearch.Neighbours(corpus, ids.Length, queries, 32, Dimension, 10, "l2");
                var found = before.Select(r => r.Results.Select(h => Array.IndexOf(ids, int.Parse(h.Id.Value, System.Globalization.CultureInfo.InvariantCulture))).ToArray()).ToList();
                Assert.All(found, f => Assert.DoesNotContain(-1, f));
                var recall = ExactSearch.Recall(found, truth, 10, 10);
                Assert.True(recall >= (index == IndexKind.Flat ? 1.0 : 0.9), $"recall {recall}");

                // Every score is the distance to the point the id names now (a stale row would carry another point's score).
                for (var q = 0; q < 32; q++)
                {
                    foreach (var hit in before[q].Results)
                    {
                        var vector = live[int.Parse(hit.Id.Value, System.Globalization.CultureInfo.InvariantCulture)];
                        var distance = 0f;
                        for (var d = 0; d < Dimension; d++)
                        {
                            var diff = vector[d] - queries[(q * Dimension) + d];
                            distance += diff * diff;
                        }

                        Assert.Equal(distance, hit.Score, distance * 1e-3f + 1e-3f);
                    }
                }
            }

            await using var restarted = await VectorPoolTestHost.StartAsync(Settings, home);
            var after = await restarted.Pool.SearchBatchAsync(Requests(queries, k: 10), default);
            for (var q = 0; q < 32; q++)
            {
                Assert.Equal(before[q].Results.Select(h => h.Id), after[q].Results.Select(h => h.Id));
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Compaction_WhileASearchIsInFlight_WaitsForItToEnd()
    {
        await using var host = await VectorPoolTestHost.StartAsync(Settings);
        var data = SyntheticVectors.Clustered(600, Dimension, clusters: 4, seed: 73);
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "c", Dimension = Dimension, Metric = VectorMetric.L2 }, default);
        var live = new Dictionary<int, float[]>();
        await Upsert(host.Pool, data, 0, 100, live);
        var collection = host.Services.GetRequiredService<CollectionRegistry>().Get("c");

        collection.SearchStarted();
        await Upsert(host.Pool, data, 100, 400, live);
        await host.Pool.DeletePointsAsync("c", Enumerable.Range(0, 450).Select(i => (PointId)i).ToList(), default);
        Assert.Equal(0, collection.Compactions);
        Assert.Equal(450, collection.DeadRows);

        collection.SearchEnded();
        await Upsert(host.Pool, data, 500, 1, live);
        Assert.Equal(1, collection.Compactions);
        Assert.Equal(0, collection.DeadRows);
    }

    [Fact]
    public async Task Churn_WithSearchesRunningConcurrently_NeverAnswersAStaleRow()
    {
        await using var host = await VectorPoolTestHost.StartAsync(Settings);
        var data = SyntheticVectors.Clustered(4000, Dimension, clusters: 8, seed: 74);
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "c", Dimension = Dimension, Metric = VectorMetric.L2 }, default);
        var live = new Dictionary<int, float[]>();
        await Upsert(host.Pool, data, 0, 200, live);
        var collection = host.Services.GetRequiredService<CollectionRegistry>().Get("c");
        var vectors = Enumerable.Range(0, 4000).Select(i => data.AsSpan(i * Dimension, Dimension).ToArray()).ToArray();

        // Whether a write finds a search in flight is up to the machine's timing: the test only checks answers (never a
        // stale row's score) while both run, and that compaction happens once the searches have stopped.
        using var stop = new CancellationTokenSource();
        var firstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var searching = Task.Run(async () =>
        {
            var checkedHits = 0;
            var q = 0;
            do
            {
                var query = vectors[q++ % vectors.Length];
                var result = await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "c", Vector = query, K = 5 }, default);
                foreach (var hit in result.Results)
                {
                    var vector = vectors[int.Parse(hit.Id.Value, System.Globalization.CultureInfo.InvariantCulture)];
                    var distance = 0f;
                    for (var d = 0; d < Dimension; d++)
                    {
                        distance += (vector[d] - query[d]) * (vector[d] - query[d]);
                    }

                    Assert.Equal(distance, hit.Score, distance * 1e-3f + 1e-3f);
                    checkedHits++;
                }

                firstAnswer.TrySetResult();
            }
            while (!stop.IsCancellationRequested);

            return checkedHits;
        });

        await firstAnswer.Task.WaitAsync(TimeSpan.FromMinutes(2));
        for (var round = 0; round < 18; round++)
        {
            await Replace(round);
        }

        await stop.CancelAsync();
        Assert.True(await searching > 0);

        // No search in flight now: the last round's delete finds 200 dead rows beside 200 live ones and compacts.
        await Replace(18);
        Assert.True(collection.Compactions > 0);
        Assert.Equal(0, collection.DeadRows);
        Assert.Equal(200, (await host.Pool.GetCollectionAsync("c", default)).Count);

        async Task Replace(int round)
        {
            await Upsert(host.Pool, data, 200 + (round * 200), 200, live);
            var victims = live.Keys.Order().Take(200).ToList();
            await host.Pool.DeletePointsAsync("c", victims.Select(v => (PointId)v).ToList(), default);
            victims.ForEach(v => live.Remove(v));
        }
    }

    private static async Task Upsert(IVectorPool pool, float[] data, int start, int count, Dictionary<int, float[]> live)
    {
        var points = Enumerable.Range(start, count).Select(i => new VectorPoint { Id = i, Vector = data.AsSpan(i * Dimension, Dimension).ToArray() }).ToList();
        await pool.UpsertAsync("c", points, default);
        for (var i = start; i < start + count; i++)
        {
            live[i] = data.AsSpan(i * Dimension, Dimension).ToArray();
        }
    }

    private static List<VectorSearchRequest> Requests(float[] queries, int k) =>
        Enumerable.Range(0, queries.Length / Dimension).Select(q => new VectorSearchRequest { Collection = "c", Vector = queries.AsSpan(q * Dimension, Dimension).ToArray(), K = k, Ef = 64 }).ToList();
}
