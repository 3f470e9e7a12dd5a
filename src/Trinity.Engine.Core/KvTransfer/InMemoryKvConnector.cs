using System.Collections.Concurrent;
using System.Globalization;
using Trinity.Engine.Model;

namespace Trinity.Engine.KvTransfer;

/// <summary>
/// Hands a KV cache from the prefill engine to the decode engine of the same process by reference: no frame, no
/// copy, no checksum (nothing crosses a wire). A handle that was released or already fetched answers
/// <see cref="KvFailure.Expired"/>.
/// </summary>
internal sealed class InMemoryKvConnector : IKvConnector, IDisposable
{
    private readonly ConcurrentDictionary<string, KvCache> _published = new(StringComparer.Ordinal);
    private long _next;

    /// <summary>Caches published and neither fetched nor released.</summary>
    public int Count => _published.Count;

    public KvHandle? Publish(KvCache kv)
    {
        ArgumentNullException.ThrowIfNull(kv);
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        _published[id] = kv;
        return new KvHandle(id);
    }

    public bool Release(KvHandle handle)
    {
        if (!_published.TryRemove(handle.Id, out var kv))
        {
            return false;
        }

        kv.Dispose();
        return true;
    }

    public ValueTask<KvFetchResult> FetchAsync(KvHandle handle, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_published.TryRemove(handle.Id, out var kv)
            ? KvFetchResult.Success(kv, kv.Bytes, TimeSpan.Zero)
            : KvFetchResult.Failed(KvFailure.Expired, $"no KV cache with handle '{handle.Id}' (already fetched or released)"));

    public void Dispose()
    {
        foreach (var id in _published.Keys)
        {
            Release(new KvHandle(id));
        }
    }
}
