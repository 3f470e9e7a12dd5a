namespace Trinity.Gateway.Errors;

/// <summary>How each <see cref="ErrorKind"/> is reported: its HTTP status and the OpenAI error class. One table, used
/// by the error boundary and by the stored errors of background jobs, so both always agree.</summary>
public static class ErrorKinds
{
    public const string InvalidRequestType = "invalid_request_error";
    public const string RateLimitType = "rate_limit_error";
    public const string ServerErrorType = "server_error";

    /// <summary>The HTTP status of a kind.</summary>
    public static int Status(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidRequest => 400,
        ErrorKind.Unauthorized => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.TooLarge => 413,
        ErrorKind.UnsupportedMediaType => 415,
        ErrorKind.RateLimited => 429,
        ErrorKind.Overloaded or ErrorKind.Unavailable => 503,
        ErrorKind.Timeout => 504,
        _ => 500,
    };

    /// <summary>The kind of an HTTP status that another service answered with.</summary>
    public static ErrorKind FromStatus(int status) => status switch
    {
        400 => ErrorKind.InvalidRequest,
        401 => ErrorKind.Unauthorized,
        403 => ErrorKind.Forbidden,
        404 => ErrorKind.NotFound,
        409 => ErrorKind.Conflict,
        413 => ErrorKind.TooLarge,
        415 => ErrorKind.UnsupportedMediaType,
        429 => ErrorKind.RateLimited,
        503 => ErrorKind.Unavailable,
        504 => ErrorKind.Timeout,
        < 500 => ErrorKind.InvalidRequest,
        _ => ErrorKind.Internal,
    };

    /// <summary>The error class (OpenAI's <c>type</c>) of a kind.</summary>
    public static string Type(ErrorKind kind) => kind switch
    {
        ErrorKind.RateLimited => RateLimitType,
        ErrorKind.Overloaded or ErrorKind.Timeout or ErrorKind.Unavailable or ErrorKind.Internal => ServerErrorType,
        _ => InvalidRequestType,
    };
}
