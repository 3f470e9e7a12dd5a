namespace Trinity.Gateway.Errors;

/// <summary>A request that ends with an error, thrown anywhere below the protocol handlers without knowing the
/// protocol: the error boundary (<c>OpenAiErrorMiddleware</c>, or the error event of a started stream) writes it in
/// OpenAI's shape with the status of its <see cref="Kind"/>.</summary>
public sealed class PipelineException : Exception
{
    public PipelineException(ErrorKind kind, string message, string? param = null, string? code = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Param = param;
        Code = code;
        RetryAfter = retryAfter;
    }

    public PipelineException()
        : this(ErrorKind.Internal, "The request failed.")
    {
    }

    public PipelineException(string message)
        : this(ErrorKind.Internal, message)
    {
    }

    public PipelineException(string message, Exception innerException)
        : this(ErrorKind.Internal, message, innerException: innerException)
    {
    }

    public ErrorKind Kind { get; }

    /// <summary>The request parameter at fault (e.g. <c>messages[1].content</c>), or null.</summary>
    public string? Param { get; }

    /// <summary>Machine-readable code (e.g. <c>model_not_found</c>), or null.</summary>
    public string? Code { get; }

    /// <summary>When the caller may retry (sent as <c>Retry-After</c> in whole seconds), for load refusals.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The error class another service reported, passed through unchanged; null: the kind's.</summary>
    public string? UpstreamType { get; init; }

    /// <summary>The HTTP status the boundary answers with.</summary>
    public int StatusCode => ErrorKinds.Status(Kind);

    /// <summary>The error class (OpenAI's <c>type</c>).</summary>
    public string Type => UpstreamType ?? ErrorKinds.Type(Kind);
}
