namespace Trinity.VectorGpu.Client;

/// <summary>
/// The shared vector-search pool as the rest of Trinity sees it: in-process in the all-in-one mode, over HTTP
/// in the distributed one. Refusals are <see cref="VectorPoolException"/>s carrying their HTTP status.
/// </summary>
public interface IVectorPool
{
    /// <summary>Creates a collection (409 when it exists).</summary>
    Task<CollectionInfo> CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken);

    /// <summary>Every collection, by name.</summary>
    Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken);

    /// <summary>One collection (404 when unknown).</summary>
    Task<CollectionInfo> GetCollectionAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes a collection and its files (404 when unknown).</summary>
    Task DeleteCollectionAsync(string name, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces points; returns once the write is on disk.</summary>
    Task<UpsertResult> UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken);

    /// <summary>Deletes points by id (unknown ids are ignored); returns once the write is on disk.</summary>
    Task<UpsertResult> DeletePointsAsync(string collection, IReadOnlyList<PointId> ids, CancellationToken cancellationToken);

    /// <summary>Runs one query through the pool's scheduler.</summary>
    Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken);

    /// <summary>Runs several queries, which share iterations like any concurrent queries; answers in request order.</summary>
    Task<IReadOnlyList<VectorSearchResult>> SearchBatchAsync(IReadOnlyList<VectorSearchRequest> requests, CancellationToken cancellationToken);
}
