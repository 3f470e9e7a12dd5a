using System.Globalization;
using System.Text.Json;
using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>Writes <c>{"error": {...}}</c> responses.</summary>
internal static class OpenAiErrorWriter
{
    public static Task WriteAsync(HttpContext context, PipelineException exception) =>
        WriteAsync(context, exception.StatusCode, OpenAiErrors.Detail(exception), exception.RetryAfter);

    public static async Task WriteAsync(HttpContext context, int statusCode, ErrorDetail error, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        // Not the request token: it may be the one that just fired (a timeout) while the client still waits.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new ErrorEnvelope(error), OpenAiJsonContext.Default.ErrorEnvelope);
        await response.Body.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
    }
}
