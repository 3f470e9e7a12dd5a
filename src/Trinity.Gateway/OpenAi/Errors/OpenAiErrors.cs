using System.Globalization;
using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>The error boundary's table: a <see cref="PipelineException"/> or a body-less status becomes the detail of
/// OpenAI's <c>{"error": {...}}</c>.</summary>
internal static class OpenAiErrors
{
    /// <summary>The detail of a request that ended with <paramref name="exception"/>.</summary>
    public static ErrorDetail Detail(PipelineException exception) =>
        new(exception.Message, exception.Type, exception.Param, exception.Code);

    /// <summary>The error for a status produced without a body (routing's 404 and 405, Kestrel's 413, ...).</summary>
    public static ErrorDetail ForStatus(int statusCode, HttpRequest request) => statusCode switch
    {
        StatusCodes.Status404NotFound => Error($"Invalid URL ({request.Method} {request.Path}).", ErrorKinds.InvalidRequestType, "unknown_url"),
        StatusCodes.Status405MethodNotAllowed => Error($"Method {request.Method} is not allowed on {request.Path}.", ErrorKinds.InvalidRequestType, "method_not_allowed"),
        StatusCodes.Status413PayloadTooLarge => Error("The request body is too large.", ErrorKinds.InvalidRequestType, "request_too_large"),
        StatusCodes.Status415UnsupportedMediaType => Error("The request body must be JSON (Content-Type: application/json).", ErrorKinds.InvalidRequestType, "unsupported_media_type"),
        StatusCodes.Status401Unauthorized => Error("Missing or incorrect API key.", ErrorKinds.InvalidRequestType, "invalid_api_key"),
        StatusCodes.Status504GatewayTimeout => Error("The request timed out.", ErrorKinds.ServerErrorType, "timeout"),
        StatusCodes.Status503ServiceUnavailable => Error("The server is temporarily unavailable.", ErrorKinds.ServerErrorType, "unavailable"),
        >= 500 => Error("The server had an error while processing your request.", ErrorKinds.ServerErrorType, null),
        _ => Error($"The request failed with status {statusCode.ToString(CultureInfo.InvariantCulture)}.", ErrorKinds.InvalidRequestType, null),
    };

    private static ErrorDetail Error(string message, string type, string? code) => new(message, type, Code: code);
}
