namespace Trinity.VectorGpu.Client;

/// <summary>A request the pool refuses, with the HTTP status and OpenAI error fields it maps to.</summary>
public sealed class VectorPoolException : Exception
{
    /// <summary>Creates the error.</summary>
    public VectorPoolException(int statusCode, string type, string message, string? param = null, string? code = null)
        : base(message)
    {
        StatusCode = statusCode;
        Type = type;
        Param = param;
        Code = code;
    }

    /// <summary>Creates a 500 error.</summary>
    public VectorPoolException()
        : this(500, "server_error", "vector pool error")
    {
    }

    /// <summary>Creates a 500 error with a message.</summary>
    public VectorPoolException(string message)
        : this(500, "server_error", message)
    {
    }

    /// <summary>Creates a 500 error with a message and a cause.</summary>
    public VectorPoolException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 500;
        Type = "server_error";
    }

    /// <summary>HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>OpenAI error type (<c>invalid_request_error</c>, <c>not_found_error</c>...).</summary>
    public string Type { get; }

    /// <summary>The offending field, when one is.</summary>
    public string? Param { get; }

    /// <summary>Machine-readable code.</summary>
    public string? Code { get; }

    internal static VectorPoolException Invalid(string message, string? param = null, string? code = null) =>
        new(400, "invalid_request_error", message, param, code);

    internal static VectorPoolException NotFound(string message, string? param = null) =>
        new(404, "not_found_error", message, param, "collection_not_found");

    internal static VectorPoolException Conflict(string message, string? param = null) =>
        new(409, "invalid_request_error", message, param, "collection_exists");
}
