using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Trinity.Gateway.OpenAi.Serving;

namespace Trinity.Gateway.OpenAi.Streaming;

/// <summary>Server-sent events into the response pipe: <c>data: {json}\n\n</c> per event, <c>data: [DONE]\n\n</c> at
/// the end. The response (status, <c>text/event-stream</c> headers) starts with the first event, so that anything
/// failing before the first token still gets a proper status code.</summary>
internal sealed class SseWriter(HttpContext context) : IDisposable
{
    private readonly PipeWriter _body = context.Response.BodyWriter;
    private Utf8JsonWriter? _json;

    public bool Started { get; private set; }

    public void Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        EnsureStarted();
        _body.Write("data: "u8);
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_body, JsonResponseWriter.WriterOptions);
        }
        else
        {
            _json.Reset(_body);
        }

        JsonSerializer.Serialize(_json, value, typeInfo);
        _json.Flush();
        _body.Write("\n\n"u8);
    }

    public void WriteDone()
    {
        EnsureStarted();
        _body.Write("data: [DONE]\n\n"u8);
    }

    /// <summary>Sends what was written so far to the client.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken) =>
        await _body.FlushAsync(cancellationToken).ConfigureAwait(false);

    public void Dispose() => _json?.Dispose();

    private void EnsureStarted()
    {
        if (Started)
        {
            return;
        }

        Started = true;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
