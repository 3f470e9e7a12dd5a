using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Trinity.Contracts;
using Trinity.Contracts.Errors;

namespace Trinity.Tests.Gateway.Engines.Remote;

/// <summary>
/// A prefill and a decode engine answering the gateway's internal calls in memory: prefill publishes a handle into
/// <see cref="Store"/>, <c>DELETE</c> releases it, and decode either fails with <see cref="DecodeStatus"/> or starts a
/// stream that sends nothing until the caller gives up (<see cref="DecodeStarted"/> says when it did start).
/// </summary>
internal sealed class StubEngines : HttpMessageHandler
{
    public static readonly Uri PrefillUrl = new("http://10.9.0.1:8102/");
    public static readonly Uri DecodeUrl = new("http://10.9.0.2:8202/");

    public ConcurrentDictionary<string, bool> Store { get; } = new(StringComparer.Ordinal);

    public HttpStatusCode DecodeStatus { get; init; } = HttpStatusCode.OK;

    public TaskCompletionSource DecodeStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post && path == EngineRoutes.Prefill)
        {
            var handle = $"kv-{Store.Count + 1}";
            Store[handle] = true;
            return Reply(HttpStatusCode.OK, JsonContent.Create(new PrefillReply(handle, 7, 3, 1024, 1), EngineJson.PrefillReply));
        }

        if (request.Method == HttpMethod.Delete && path.StartsWith("/internal/kv/", StringComparison.Ordinal))
        {
            var handle = Uri.UnescapeDataString(path["/internal/kv/".Length..]);
            var removed = Store.TryRemove(handle, out _);
            Released.TrySetResult(handle);
            return Reply(removed ? HttpStatusCode.NoContent : HttpStatusCode.NotFound, null);
        }

        if (request.Method == HttpMethod.Post && path == EngineRoutes.Decode)
        {
            DecodeStarted.TrySetResult();
            return DecodeStatus == HttpStatusCode.OK
                ? Reply(HttpStatusCode.OK, new StreamContent(new SilentStream()))
                : Reply(DecodeStatus, JsonContent.Create(new ErrorEnvelope(new ErrorDetail("injected decode failure", "server_error")), EngineJson.EngineError));
        }

        return Reply(HttpStatusCode.NotFound, null);
    }

    private static Task<HttpResponseMessage> Reply(HttpStatusCode status, HttpContent? content) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = content ?? new ByteArrayContent([]) });

    /// <summary>A response body that never sends a byte: reads wait until they are cancelled.</summary>
    private sealed class SilentStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
