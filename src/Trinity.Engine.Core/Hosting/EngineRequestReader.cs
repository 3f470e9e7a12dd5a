using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Trinity.Common.Json;

namespace Trinity.Engine.Hosting;

/// <summary>Reads a JSON body of an internal API with the shared <see cref="JsonBodyReader"/>; a body it refuses
/// becomes the error result to send (400, 413 or 415, naming the parameter at fault).</summary>
internal static class EngineRequestReader
{
    /// <summary>Bodies of the internal API carry token ids (and, for decode, retrieval settings), far below this.</summary>
    private const long MaxBodyBytes = 64L << 20;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return (await JsonBodyReader.ReadAsync(context.Request, type, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false), null);
        }
        catch (JsonBodyException exception)
        {
            return (null, EngineErrors.Error(exception.StatusCode, exception.Message, "invalid_request_error"));
        }
    }
}
