using System.Globalization;
using System.Text.Json;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>Writes <c>{"error": {...}}</c> responses.</summary>
internal static class OpenAiErrorWriter
{
    public static Task WriteAsync(HttpContext context, OpenAiException exception) =>
        WriteAsync(context, exception.StatusCode, exception.Error, exception.RetryAfter);

    public static async Task WriteAsync(HttpContext context, int statusCode, OpenAiError error, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await JsonSerializer.SerializeAsync(response.Body, new OpenAiErrorResponse(error), OpenAiJsonContext.Default.OpenAiErrorResponse, context.RequestAborted)
            .ConfigureAwait(false);
    }
}
