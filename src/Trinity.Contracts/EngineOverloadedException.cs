namespace Trinity.Contracts;

/// <summary>The engine's queue is full; the caller should retry later (HTTP 503 with Retry-After).</summary>
public sealed class EngineOverloadedException : Exception
{
    public EngineOverloadedException()
        : base("the engine's queue is full; retry later")
    {
    }

    public EngineOverloadedException(string message)
        : base(message)
    {
    }

    public EngineOverloadedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
