namespace Trinity.Engine.KvTransfer;

/// <summary>A KV blob could not be used: corrupt, truncated, of another version or layout, or from another model.
/// <see cref="Reason"/> says which; connectors turn it into a <see cref="KvFetchResult"/> at once.</summary>
public sealed class KvFormatException : Exception
{
    public KvFormatException()
    {
    }

    public KvFormatException(string message)
        : base(message)
    {
    }

    public KvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KvFormatException(string message, KvFailure reason, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>The kind of failure, for metrics and logs.</summary>
    public KvFailure Reason { get; } = KvFailure.Format;
}
