using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Trinity.Engine.Hosting;

/// <summary>Reads a JSON body of an internal API; null (→ 400) when it is missing or malformed.</summary>
internal static class EngineRequestReader
{
    public static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
