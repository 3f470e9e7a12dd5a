using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.Tenancy;

/// <summary>
/// The vector pool as one tenant sees it through the collections API: names mapped by <see cref="TenantCollections"/>,
/// the listing cut to the tenant's own and shared collections, and the pool's names kept out of answers and errors
/// (a tenant never learns how its names are stored, nor that another tenant's collection exists).
/// </summary>
internal sealed class TenantVectorPool(IVectorPool pool, TenantCollections collections, Tenant tenant) : IVectorPool
{
    public async Task<CollectionInfo> CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = spec.Name ?? string.Empty;
        var poolName = collections.Resolve(tenant, name, CollectionAccess.Write);
        return await Guard(name, poolName, async () => Rename(await pool.CreateCollectionAsync(spec with { Name = poolName }, cancellationToken).ConfigureAwait(false), name)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        var all = await pool.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        var visible = new List<CollectionInfo>(all.Count);
        foreach (var info in all)
        {
            if (collections.ClientName(tenant, info.Name) is { } name)
            {
                visible.Add(Rename(info, name));
            }
        }

        return visible;
    }

    public Task<CollectionInfo> GetCollectionAsync(string name, CancellationToken cancellationToken)
    {
        var poolName = collections.Resolve(tenant, name, CollectionAccess.Read);
        return Guard(name, poolName, async () => Rename(await pool.GetCollectionAsync(poolName, cancellationToken).ConfigureAwait(false), name));
    }

    public Task DeleteCollectionAsync(string name, CancellationToken cancellationToken)
    {
        var poolName = collections.Resolve(tenant, name, CollectionAccess.Write);
        return Guard(name, poolName, async () =>
        {
            await pool.DeleteCollectionAsync(poolName, cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    public Task<UpsertResult> UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken)
    {
        var poolName = collections.Resolve(tenant, collection, CollectionAccess.Write);
        return Guard(collection, poolName, () => pool.UpsertAsync(poolName, points, cancellationToken));
    }

    public Task<UpsertResult> DeletePointsAsync(string collection, IReadOnlyList<PointId> ids, CancellationToken cancellationToken)
    {
        var poolName = collections.Resolve(tenant, collection, CollectionAccess.Write);
        return Guard(collection, poolName, () => pool.DeletePointsAsync(poolName, ids, cancellationToken));
    }

    public Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var poolName = collections.Resolve(tenant, request.Collection, CollectionAccess.Read);
        return Guard(request.Collection, poolName, () => pool.SearchAsync(request with { Collection = poolName }, cancellationToken));
    }

    public Task<IReadOnlyList<VectorSearchResult>> SearchBatchAsync(IReadOnlyList<VectorSearchRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return pool.SearchBatchAsync(requests, cancellationToken);
        }

        // The endpoint sends one collection per batch.
        var name = requests[0].Collection;
        var poolName = collections.Resolve(tenant, name, CollectionAccess.Read);
        var mapped = requests.Select(r => r with { Collection = collections.Resolve(tenant, r.Collection, CollectionAccess.Read) }).ToList();
        return Guard(name, poolName, () => pool.SearchBatchAsync(mapped, cancellationToken));
    }

    private static CollectionInfo Rename(CollectionInfo info, string name) => info with { Name = name };

    /// <summary>Runs a pool call, rewording its errors with the tenant's name of the collection.</summary>
    private static async Task<T> Guard<T>(string name, string poolName, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VectorPoolException exception) when (poolName != name && exception.Message.Contains(poolName, StringComparison.Ordinal))
        {
            throw new VectorPoolException(exception.StatusCode, exception.Type, exception.Message.Replace(poolName, name, StringComparison.Ordinal), exception.Param, exception.Code);
        }
    }
}
