using System.Text.Json;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.Engine.Core.Decode;

/// <summary>A pool that answers every search with fixed chunks after a delay, recording the searches.</summary>
internal sealed class FakeVectorPool(IReadOnlyList<(string Id, string Text)> chunks, TimeSpan delay) : IVectorPool
{
    public List<VectorSearchRequest> Searches { get; } = [];

    public async Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken)
    {
        lock (Searches)
        {
            Searches.Add(request);
        }

        await Task.Delay(delay, cancellationToken);
        var hits = chunks.Select((c, i) => new VectorHit(c.Id, 1f - (i * 0.1f), JsonSerializer.SerializeToElement(new { text = c.Text }))).ToList();
        return new VectorSearchResult { Results = hits };
    }

    public Task<IReadOnlyList<VectorSearchResult>> SearchBatchAsync(IReadOnlyList<VectorSearchRequest> requests, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CollectionInfo> CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CollectionInfo> GetCollectionAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteCollectionAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<UpsertResult> UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<UpsertResult> DeletePointsAsync(string collection, IReadOnlyList<PointId> ids, CancellationToken cancellationToken) => throw new NotSupportedException();
}
