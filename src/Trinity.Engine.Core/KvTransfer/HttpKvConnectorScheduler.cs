using Trinity.Engine.Hosting;
using Trinity.Engine.Model;

namespace Trinity.Engine.KvTransfer;

/// <summary>
/// The scheduler side of the HTTP connector, on a prefill engine: a published cache is written once as a checksummed
/// frame (<see cref="KvCacheBlob"/>, the wire format) into the <see cref="KvStore"/>, which serves it to the decode
/// engine that pulls <c>GET /internal/kv/{handle}</c> and drops it on <c>DELETE</c> or when its time-to-live passes.
/// </summary>
internal sealed class HttpKvConnectorScheduler(KvStore store, InProcessEngine engine) : IKvConnectorScheduler
{
    public KvHandle? Publish(KvCache kv)
    {
        ArgumentNullException.ThrowIfNull(kv);
        byte[] frame;
        using (kv)
        {
            frame = KvCacheBlob.Export(kv, 0, 0, kv.Length, engine.Model.Config, engine.Model.Fingerprint, engine.Layout);
        }

        return store.TryAdd(frame) is { } id ? new KvHandle(id) : null;
    }

    public bool Release(KvHandle handle) => store.Remove(handle.Id);
}
