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

        // Not the request token: it may be the one that just fired (a timeout) while the client still waits.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new OpenAiErrorResponse(error), OpenAiJsonContext.Default.OpenAiErrorResponse);
        await response.Body.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
    }
}
