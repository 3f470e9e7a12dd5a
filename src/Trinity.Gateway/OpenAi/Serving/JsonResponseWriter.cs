using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Trinity.Gateway.OpenAi.Serving;

/// <summary>Writes wire records straight into the response pipe with the source-generated serializers.</summary>
internal static class JsonResponseWriter
{
    /// <summary>Text is escaped only where JSON requires it (non-ASCII output stays readable and compact); these
    /// bodies are never embedded in HTML.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var body = context.Response.BodyWriter;
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
