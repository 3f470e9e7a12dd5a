namespace Trinity.Engine.KvTransfer;

/// <summary>The metric label of each <see cref="KvFailure"/> (<c>reason</c> of
/// <c>trinity_engine_kv_transfer_failures_total</c>), as constants so counting a failure allocates nothing.</summary>
internal static class KvFailureLabels
{
    public static string Label(this KvFailure failure) => failure switch
    {
        KvFailure.Format => "format",
        KvFailure.Checksum => "checksum",
        KvFailure.Fingerprint => "fingerprint",
        KvFailure.Layout => "layout",
        KvFailure.Timeout => "timeout",
        KvFailure.Network => "network",
        KvFailure.Expired => "expired",
        _ => "unknown",
    };
}
