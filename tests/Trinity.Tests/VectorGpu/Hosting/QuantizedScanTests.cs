using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Trinity.Bench.Vector;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.VectorGpu.Hosting;

/// <summary>fp16 and SQ8 storage for flat and IVF collections: scans read codes, re-rank on fp32, hold fewer bytes.</summary>
public sealed class QuantizedScanTests
{
    private const int Dimension = 48;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Trinity:VectorPool:IvfMinTrainPoints"] = "1024",
        ["Trinity:VectorPool:QuantizerTrainPoints"] = "500",
    };

    [Theory]
    [InlineData(IndexKind.Flat, VectorStorage.Sq8, RerankSource.Disk, VectorMetric.L2)]
    [InlineData(IndexKind.Flat, VectorStorage.Sq8, RerankSource.Memory, VectorMetric.Cosine)]
    [InlineData(IndexKind.Flat, VectorStorage.Fp16, RerankSource.Disk, VectorMetric.Ip)]
    [InlineData(IndexKind.Ivf, VectorStorage.Sq8, RerankSource.Disk, VectorMetric.L2)]
    [InlineData(IndexKind.Ivf, VectorStorage.Fp16, RerankSource.Memory, VectorMetric.Cosine)]
    public async Task SearchAsync_QuantizedScan_RecallWithinOnePointOfFp32AndFewerBytes(IndexKind index, VectorStorage storage, RerankSource rerank, VectorMetric metric)
    {
        await using var host = await VectorPoolTestHost.StartAsync(Settings);
        var data = SyntheticVectors.Clustered(5000, Dimension, clusters: 40, seed: 61);
        var queries = SyntheticVectors.Clustered(100, Dimension, clusters: 40, seed: 62);
        var nlist = index == IndexKind.Ivf ? 32 : (int?)null;
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "exact", Dimension = Dimension, Metric = metric, Index = index, Nlist = nlist }, default);
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "quantized", Dimension = Dimension, Metric = metric, Index = index, Nlist = nlist, Storage = storage, Rerank = rerank }, default);
        await Fill(host.Pool, "exact", data);
        await Fill(host.Pool, "quantized", data);
        await host.Internal.WaitForIndexAsync("exact");
        await host.Internal.WaitForIndexAsync("quantized");

        var exact = await host.Pool.SearchBatchAsync(Requests("exact", queries), default);
        var quantized = await host.Pool.SearchBatchAsync(Requests("quantized", queries), default);
        var truth = ExactSearch.Neighbours(data, 5000, queries, 100, Dimension, 10, metric.ToString().ToLowerInvariant());
        var exactRecall = ExactSearch.Recall(Ids(exact), truth, 10, 10);
        var quantizedRecall = ExactSearch.Recall(Ids(quantized), truth, 10, 10);
        Assert.True(quantizedRecall >= exactRecall - 0.01, $"{index} {storage}: recall {quantizedRecall} vs fp32 {exactRecall}");

        // Re-ranked scores are exact: the same as the fp32 collection's for the ids both return.
        for (var q = 0; q < 100; q++)
        {
            var scores = exact[q].Results.ToDictionary(h => h.Id, h => h.Score);
            foreach (var hit in quantized[q].Results.Where(h => scores.ContainsKey(h.Id)))
            {
                Assert.Equal(scores[hit.Id], hit.Score, 1e-3f);
            }
        }

        var exactInfo = await host.Pool.GetCollectionAsync("exact", default);
        var quantizedInfo = await host.Pool.GetCollectionAsync("quantized", default);
        Assert.Equal(storage, quantizedInfo.Storage);
        var registry = host.Services.GetRequiredService<Trinity.VectorGpu.Collections.CollectionRegistry>();
        Assert.True(registry.Get("quantized").ScansCodes);
        Assert.False(registry.Get("exact").ScansCodes);
        if (rerank == RerankSource.Disk)
        {
            Assert.True(quantizedInfo.MemoryBytes < exactInfo.MemoryBytes * (storage == VectorStorage.Sq8 ? 0.45 : 0.7), $"{quantizedInfo.MemoryBytes} vs {exactInfo.MemoryBytes} bytes");
        }
    }

    [Fact]
    public async Task SearchAsync_QuantizedFlatWithFilterAndDeletes_HonoursBoth()
    {
        await using var host = await VectorPoolTestHost.StartAsync(Settings);
        var data = SyntheticVectors.Clustered(2000, Dimension, clusters: 10, seed: 63);
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "q", Dimension = Dimension, Metric = VectorMetric.L2, Storage = VectorStorage.Sq8 }, default);
        var points = Enumerable.Range(0, 2000).Select(i => new VectorPoint
        {
            Id = i,
            Vector = data.AsSpan(i * Dimension, Dimension).ToArray(),
            Payload = System.Text.Json.JsonDocument.Parse(i % 2 == 0 ? "{\"tag\":\"even\"}" : "{\"tag\":\"odd\"}").RootElement,
        }).ToList();
        await host.Pool.UpsertAsync("q", points, default);
        await host.Pool.DeletePointsAsync("q", Enumerable.Range(0, 500).Select(i => (PointId)(i * 4)).ToList(), default);

        var result = await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "q", Vector = data.AsSpan(8 * Dimension, Dimension).ToArray(), K = 20, Filter = new Dictionary<string, System.Text.Json.JsonElement> { ["tag"] = System.Text.Json.JsonDocument.Parse("\"even\"").RootElement } }, default);

        Assert.Equal(20, result.Results.Count);
        Assert.All(result.Results, h =>
        {
            var id = int.Parse(h.Id.Value, CultureInfo.InvariantCulture);
            Assert.Equal(0, id % 2);
            Assert.NotEqual(0, id % 4);
        });
    }

    private static List<int[]> Ids(IReadOnlyList<VectorSearchResult> results) =>
        results.Select(r => r.Results.Select(h => int.Parse(h.Id.Value, CultureInfo.InvariantCulture)).ToArray()).ToList();

    private static List<VectorSearchRequest> Requests(string collection, float[] queries) =>
        Enumerable.Range(0, queries.Length / Dimension).Select(q => new VectorSearchRequest { Collection = collection, Vector = queries.AsSpan(q * Dimension, Dimension).ToArray(), K = 10, Nprobe = 8 }).ToList();

    private static async Task Fill(IVectorPool pool, string name, float[] data)
    {
        for (var start = 0; start < data.Length / Dimension; start += 700)
        {
            var points = Enumerable.Range(start, Math.Min(700, (data.Length / Dimension) - start)).Select(i => new VectorPoint { Id = i, Vector = data.AsSpan(i * Dimension, Dimension).ToArray() }).ToList();
            await pool.UpsertAsync(name, points, default);
        }
    }
}
