namespace Trinity.Engine.KvTransfer;

/// <summary>
/// The worker side of a KV connector (vLLM's <c>KVConnectorBase_V1</c> split, worker role): what the decode engine
/// does to load a published cache before the sequence joins its batch. A cache is fetched at most once.
/// </summary>
internal interface IKvConnectorWorker
{
    /// <summary>Fetches and checks the cache behind <paramref name="handle"/>. Never throws for a failed hand-over: the
    /// result carries a typed reason. Throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="cancellationToken"/> is cancelled.</summary>
    ValueTask<KvFetchResult> FetchAsync(KvHandle handle, CancellationToken cancellationToken);
}
