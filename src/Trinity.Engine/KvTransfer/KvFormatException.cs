namespace Trinity.Engine.KvTransfer;

/// <summary>A KV blob is corrupt, truncated, of another version, or from another model.</summary>
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
}
