namespace Trinity.Common.Json;

/// <summary>The request body passed the size limit of its endpoint.</summary>
internal sealed class BodyTooLargeException : IOException
{
    public BodyTooLargeException()
        : base("The request body is too large.")
    {
    }
}
