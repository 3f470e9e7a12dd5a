using Trinity.Common.Json;

using System.Globalization;

namespace Trinity.Gateway.Errors;

/// <summary>The errors requests end with, worded after OpenAI's, so that every layer phrases them alike.</summary>
public static class PipelineErrors
{
    /// <summary>A request body the shared reader refused, as the pipeline's error of the same status.</summary>
    public static PipelineException FromBody(JsonBodyException exception) => new(
        exception.Problem switch
        {
            JsonBodyProblem.UnsupportedMediaType => ErrorKind.UnsupportedMediaType,
            JsonBodyProblem.TooLarge => ErrorKind.TooLarge,
            _ => ErrorKind.InvalidRequest,
        },
        exception.Message,
        exception.Param,
        exception.Code);

    public static PipelineException Invalid(string message, string? param, string? code = null) =>
        new(ErrorKind.InvalidRequest, message, param, code);

    public static PipelineException MissingParameter(string param) =>
        Invalid($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static PipelineException InvalidType(string param, string expected) =>
        Invalid($"Invalid type for '{param}': expected {expected}.", param, "invalid_type");

    public static PipelineException OutOfRange(string param, string expectation, object actual) =>
        Invalid($"Invalid '{param}': expected {expectation}, but got {Format(actual)} instead.", param, "invalid_value");

    public static PipelineException ModelNotFound(string model) =>
        new(ErrorKind.NotFound, $"The model '{model}' does not exist or you do not have access to it.", "model", "model_not_found");

    public static PipelineException ContextLengthExceeded(int contextLength, int promptTokens, int completionTokens, string param) =>
        Invalid(
            $"This model's maximum context length is {contextLength} tokens. However, you requested "
            + $"{promptTokens + completionTokens} tokens ({promptTokens} in the prompt, {completionTokens} for the completion). "
            + "Please reduce the length of the prompt or of the completion.",
            param,
            "context_length_exceeded");

    /// <summary>Refused for load before any work started (429).</summary>
    public static PipelineException RateLimited(string message, TimeSpan retryAfter) =>
        new(ErrorKind.RateLimited, message, code: "rate_limit_exceeded", retryAfter: retryAfter);

    /// <summary>No capacity became free in time (503).</summary>
    public static PipelineException Overloaded(string message, TimeSpan retryAfter) =>
        new(ErrorKind.Overloaded, message, code: "overloaded", retryAfter: retryAfter);

    public static PipelineException Timeout(string message) =>
        new(ErrorKind.Timeout, message, code: "timeout");

    public static PipelineException Unavailable(string message) =>
        new(ErrorKind.Unavailable, message, code: "unavailable");

    public static PipelineException Engine(string message) =>
        new(ErrorKind.Internal, message, code: "engine_error");

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
