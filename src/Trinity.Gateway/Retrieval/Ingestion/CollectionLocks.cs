namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Serialises ingests into the same collection (striped by name, so memory stays bounded): re-ingesting a
/// document reads its old chunk ids, writes the new chunks and deletes the stale ones, which must not interleave with
/// another ingest of the same document.</summary>
internal sealed class CollectionLocks : IDisposable
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<Lease> AcquireAsync(string collection, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(collection) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    /// <summary>Releases the stripe when disposed.</summary>
    public readonly struct Lease(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
