using System.Globalization;

namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>The errors the gateway answers with, worded after OpenAI's.</summary>
internal static class OpenAiErrors
{
    public const string InvalidRequestType = "invalid_request_error";
    public const string ServerErrorType = "server_error";

    public static OpenAiException Invalid(string message, string? param, string? code = null) =>
        new(StatusCodes.Status400BadRequest, new OpenAiError { Message = message, Type = InvalidRequestType, Param = param, Code = code });

    public static OpenAiException MissingParameter(string param) =>
        Invalid($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static OpenAiException InvalidType(string param, string expected) =>
        Invalid($"Invalid type for '{param}': expected {expected}.", param, "invalid_type");

    public static OpenAiException OutOfRange(string param, string expectation, object actual) =>
        Invalid($"Invalid '{param}': expected {expectation}, but got {Format(actual)} instead.", param, "invalid_value");

    public static OpenAiException ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, new OpenAiError
        {
            Message = $"The model '{model}' does not exist or you do not have access to it.",
            Type = InvalidRequestType,
            Param = "model",
            Code = "model_not_found",
        });

    public static OpenAiException ContextLengthExceeded(int contextLength, int promptTokens, int completionTokens, string param) =>
        Invalid(
            $"This model's maximum context length is {contextLength} tokens. However, you requested "
            + $"{promptTokens + completionTokens} tokens ({promptTokens} in the prompt, {completionTokens} for the completion). "
            + "Please reduce the length of the prompt or of the completion.",
            param,
            "context_length_exceeded");

    public static OpenAiException Overloaded(int statusCode, string message, TimeSpan retryAfter) =>
        new(statusCode, new OpenAiError
        {
            Message = message,
            Type = statusCode == StatusCodes.Status429TooManyRequests ? "rate_limit_error" : ServerErrorType,
            Code = statusCode == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : "overloaded",
        }, retryAfter);

    public static OpenAiException Timeout(string message) =>
        new(StatusCodes.Status504GatewayTimeout, new OpenAiError { Message = message, Type = ServerErrorType, Code = "timeout" });

    public static OpenAiException Engine(string message) =>
        new(StatusCodes.Status500InternalServerError, new OpenAiError { Message = message, Type = ServerErrorType, Code = "engine_error" });

    /// <summary>The error for a status produced without a body (routing's 404 and 405, Kestrel's 413, ...).</summary>
    public static OpenAiError ForStatus(int statusCode, HttpRequest request) => statusCode switch
    {
        StatusCodes.Status404NotFound => Error($"Invalid URL ({request.Method} {request.Path}).", InvalidRequestType, "unknown_url"),
        StatusCodes.Status405MethodNotAllowed => Error($"Method {request.Method} is not allowed on {request.Path}.", InvalidRequestType, "method_not_allowed"),
        StatusCodes.Status413PayloadTooLarge => Error("The request body is too large.", InvalidRequestType, "request_too_large"),
        StatusCodes.Status415UnsupportedMediaType => Error("The request body must be JSON (Content-Type: application/json).", InvalidRequestType, "unsupported_media_type"),
        StatusCodes.Status401Unauthorized => Error("Missing or incorrect API key.", InvalidRequestType, "invalid_api_key"),
        StatusCodes.Status504GatewayTimeout => Error("The request timed out.", ServerErrorType, "timeout"),
        StatusCodes.Status503ServiceUnavailable => Error("The server is temporarily unavailable.", ServerErrorType, "unavailable"),
        >= 500 => Error("The server had an error while processing your request.", ServerErrorType, null),
        _ => Error($"The request failed with status {statusCode.ToString(CultureInfo.InvariantCulture)}.", InvalidRequestType, null),
    };

    private static OpenAiError Error(string message, string type, string? code) => new() { Message = message, Type = type, Code = code };

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
