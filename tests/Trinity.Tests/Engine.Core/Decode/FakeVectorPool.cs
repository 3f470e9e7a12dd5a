using System.Text.Json;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.Engine.Core.Decode;

/// <summary>A pool that answers every search with fixed chunks after a delay on <paramref name="time"/> (the system
/// clock unless given; an infinite delay never answers), recording the searches.</summary>
internal sealed class FakeVectorPool(IReadOnlyList<(string Id, string Text)> chunks, TimeSpan delay, TimeProvider? time = null) : IVectorPool
{
    private readonly TaskCompletionSource _searched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<VectorSearchRequest> Searches { get; } = [];

    /// <summary>Completes when the first search has arrived: the sequence that made it now waits for its answer.</summary>
    public Task Searched => _searched.Task;

    public async Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken)
    {
        lock (Searches)
        {
            Searches.Add(request);
        }

        var answered = Task.Delay(delay, time ?? TimeProvider.System, cancellationToken);
        _searched.TrySetResult();
        await answered;
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
