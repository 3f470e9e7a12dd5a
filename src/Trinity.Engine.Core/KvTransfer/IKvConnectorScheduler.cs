using Trinity.Engine.Model;

namespace Trinity.Engine.KvTransfer;

/// <summary>
/// The scheduler side of a KV connector (vLLM's <c>KVConnectorBase_V1</c> split, scheduler role): what the engine
/// that ran a prompt does with the prompt's cache once prefill is done — publish it under a handle for a decode
/// engine to fetch — and what whoever abandons a request does with the handle — release it, so nothing waits for a
/// time-to-live.
/// </summary>
internal interface IKvConnectorScheduler
{
    /// <summary>Publishes a prefilled cache, taking ownership of <paramref name="kv"/> (disposed even when refused);
    /// null when the connector holds too much already.</summary>
    KvHandle? Publish(KvCache kv);

    /// <summary>Drops a published cache nobody fetched; false when it is gone already (fetched, released or expired).</summary>
    bool Release(KvHandle handle);
}
