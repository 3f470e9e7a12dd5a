using Trinity.Engine.Model;

namespace Trinity.Engine.KvTransfer;

/// <summary>What a worker-side fetch gives: the KV cache (the caller owns it), or why there is none as a value,
/// so metrics and logs never have to read a reason out of an exception's text.</summary>
internal readonly record struct KvFetchResult
{
    private KvFetchResult(KvCache? kv, KvFailure failure, string? detail, long bytes, TimeSpan duration)
    {
        Kv = kv;
        Failure = failure;
        Detail = detail;
        Bytes = bytes;
        Duration = duration;
    }

    /// <summary>The fetched cache, batch 1, one position per prompt token; null on failure.</summary>
    public KvCache? Kv { get; }

    /// <summary>Why the fetch failed (meaningless on success).</summary>
    public KvFailure Failure { get; }

    /// <summary>A sentence for the log on failure.</summary>
    public string? Detail { get; }

    /// <summary>Bytes moved (the frame's size across processes, the cache's size in memory).</summary>
    public long Bytes { get; }

    /// <summary>Time the fetch took.</summary>
    public TimeSpan Duration { get; }

    public static KvFetchResult Success(KvCache kv, long bytes, TimeSpan duration) => new(kv, default, null, bytes, duration);

    public static KvFetchResult Failed(KvFailure reason, string detail) => new(null, reason, detail, 0, TimeSpan.Zero);
}
