namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>A request that ends with an OpenAI-shaped error; thrown anywhere below an endpoint and written by
/// <see cref="OpenAiErrorMiddleware"/> (or as an error event once a stream has started).</summary>
internal sealed class OpenAiException : Exception
{
    public OpenAiException(int statusCode, OpenAiError error, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(error.Message, innerException)
    {
        StatusCode = statusCode;
        Error = error;
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }

    public OpenAiError Error { get; }

    /// <summary>Sent as <c>Retry-After</c> (whole seconds) with 429 and 503.</summary>
    public TimeSpan? RetryAfter { get; }
}
