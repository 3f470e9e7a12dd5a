namespace Trinity.Gateway.OpenAi.Json;

/// <summary>The request body passed the gateway's size limit.</summary>
internal sealed class BodyTooLargeException : IOException
{
    public BodyTooLargeException()
        : base("The request body is too large.")
    {
    }
}
