namespace Trinity.Engine.KvTransfer;

/// <summary>Why a KV hand-over could not be used; the metric label of <c>trinity_engine_kv_transfer_failures_total</c>.</summary>
public enum KvFailure
{
    /// <summary>Malformed, truncated or of an unknown version.</summary>
    Format,

    /// <summary>Header or payload checksum mismatch (corruption).</summary>
    Checksum,

    /// <summary>Computed by a model with other weights or configuration.</summary>
    Fingerprint,

    /// <summary>Shape or KV layout does not match the model.</summary>
    Layout,

    /// <summary>The pull did not finish in time.</summary>
    Timeout,

    /// <summary>The prefill engine could not be reached or answered with an error.</summary>
    Network,

    /// <summary>The prefill engine no longer holds it (time-to-live passed).</summary>
    Expired,
}
