using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Trinity.Common.Json;
using Trinity.Contracts.Errors;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Http;

/// <summary>
/// Body reading and error mapping shared by the endpoints: malformed JSON, wrong types, too-deep nesting and
/// oversized bodies (read by the shared <see cref="JsonBodyReader"/>) become 4xx with the OpenAI error shape; nothing a client sends becomes a 500.
/// </summary>
internal static class JsonEndpoint
{
    public static async Task Run(HttpContext http, Func<CancellationToken, Task<IResult>> handler)
    {
        IResult result;
        try
        {
            result = await handler(http.RequestAborted).ConfigureAwait(false);
        }
        catch (VectorPoolException exception)
        {
            result = Error(exception.StatusCode, exception.Type, exception.Message, exception.Param, exception.Code);
        }
        catch (JsonBodyException exception)
        {
            result = Error(exception.StatusCode, "invalid_request_error", exception.Message, exception.Param, exception.Code);
        }
        catch (BadHttpRequestException exception)
        {
            result = Error(exception.StatusCode, "invalid_request_error", exception.Message, null, "bad_request");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        await result.ExecuteAsync(http).ConfigureAwait(false);
    }

    /// <summary>Reads a body with the shared reader; the size limit is Kestrel's (the pool takes large upserts).</summary>
    public static async Task<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        await JsonBodyReader.ReadAsync(http.Request, type, long.MaxValue, cancellationToken).ConfigureAwait(false);

    public static IResult Ok<T>(T value, JsonTypeInfo<T> type) => Results.Json(value, type);

    private static IResult Error(int status, string type, string message, string? param, string? code) =>
        Results.Json(new ErrorEnvelope(new ErrorDetail(message, type, param, code)), VectorPoolJsonContext.Default.ErrorEnvelope, statusCode: status);
}
