using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Text.Json;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Tests.Gateway.Cache;

/// <summary>An in-memory <see cref="IVectorPool"/> with exact cosine search over the hashed embedder, payload equality
/// filters, a configurable search delay or failure, and a record of deleted ids.</summary>
internal sealed class FakeVectorPool : IVectorPool
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (float[] Vector, JsonElement? Payload)>> _collections = new();
    private readonly ConcurrentDictionary<string, int> _dimensions = new();

    public HashedNgramEmbedder Embedder { get; } = new(384);

    public TimeSpan SearchDelay { get; set; }

    /// <summary>The clock <see cref="SearchDelay"/> runs on (a rig's virtual clock; an infinite delay never answers).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public bool FailSearches { get; set; }

    public ConcurrentQueue<string> Deleted { get; } = new();

    public int Searches;

    public int Count(string collection) => _collections.TryGetValue(collection, out var points) ? points.Count : 0;

    public bool Contains(string collection, string id) => _collections.TryGetValue(collection, out var points) && points.ContainsKey(id);

    public Task<CollectionInfo> CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken)
    {
        if (!_collections.TryAdd(spec.Name, new()))
        {
            throw new VectorPoolException(409, "invalid_request_error", "exists");
        }

        _dimensions[spec.Name] = spec.Dimension;
        return Task.FromResult(Info(spec.Name));
    }

    public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CollectionInfo>>([.. _collections.Keys.Select(Info)]);

    public Task<CollectionInfo> GetCollectionAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Info(name));

    public Task DeleteCollectionAsync(string name, CancellationToken cancellationToken)
    {
        Points(name);
        _collections.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<UpsertResult> UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken)
    {
        var target = Points(collection);
        foreach (var point in points)
        {
            target[point.Id.Value] = (point.Vector ?? Embed(point.Text!), point.Payload?.Clone());
        }

        return Task.FromResult(new UpsertResult { Count = points.Count });
    }

    public Task<UpsertResult> DeletePointsAsync(string collection, IReadOnlyList<PointId> ids, CancellationToken cancellationToken)
    {
        var target = Points(collection);
        foreach (var id in ids)
        {
            Deleted.Enqueue(id.Value);
            target.TryRemove(id.Value, out _);
        }

        return Task.FromResult(new UpsertResult { Count = ids.Count });
    }

    public async Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Searches);
        await Task.Delay(SearchDelay, Time, cancellationToken);
        if (FailSearches)
        {
            throw new VectorPoolException(503, "server_error", "the pool is down");
        }

        var query = request.Vector ?? Embed(request.Text!);
        var hits = Points(request.Collection)
            .Where(p => request.Filter is null || request.Filter.All(f => p.Value.Payload is { } payload && payload.TryGetProperty(f.Key, out var value) && value.GetRawText() == f.Value.GetRawText()))
            .Select(p => new VectorHit(p.Key, TensorPrimitives.CosineSimilarity<float>(p.Value.Vector, query), p.Value.Payload))
            .OrderByDescending(h => h.Score)
            .Take(request.K)
            .ToList();
        return new VectorSearchResult { Results = hits };
    }

    public async Task<IReadOnlyList<VectorSearchResult>> SearchBatchAsync(IReadOnlyList<VectorSearchRequest> requests, CancellationToken cancellationToken) =>
        await Task.WhenAll(requests.Select(r => SearchAsync(r, cancellationToken)));

    private float[] Embed(string text)
    {
        var vector = new float[Embedder.Dimension];
        Embedder.Embed(text, vector);
        return vector;
    }

    private ConcurrentDictionary<string, (float[] Vector, JsonElement? Payload)> Points(string name) =>
        _collections.TryGetValue(name, out var points) ? points : throw new VectorPoolException(404, "not_found_error", $"no collection {name}");

    private CollectionInfo Info(string name) => new()
    {
        Name = name,
        Dimension = _dimensions.GetValueOrDefault(name),
        Metric = VectorMetric.Cosine,
        Index = IndexKind.Flat,
        Count = Points(name).Count,
        MemoryBytes = 0,
    };
}
