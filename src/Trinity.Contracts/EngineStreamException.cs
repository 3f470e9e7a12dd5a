namespace Trinity.Contracts;

/// <summary>An engine failed after the sequence had started streaming; the output so far is incomplete and the
/// client's stream must end with an error.</summary>
public sealed class EngineStreamException : Exception
{
    public EngineStreamException()
    {
    }

    public EngineStreamException(string message)
        : base(message)
    {
    }

    public EngineStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
