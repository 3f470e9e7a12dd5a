using Microsoft.Extensions.Options;
using Trinity.Contracts;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// The gateway's part of the scheduler side of the HTTP KV connector: when a request that a prefill engine answered
/// is abandoned before a decode engine took its cache (the client went away, or decode failed before its first
/// output), the cache is released at once (<c>DELETE /internal/kv/{handle}</c>) instead of waiting out its
/// time-to-live. Best effort within the health-probe time limit: a prefill engine that is gone has freed it anyway.
/// </summary>
public sealed partial class AbandonedKvRelease(RemoteEngineHttp http, IOptions<RemoteEnginesOptions> options, ILogger<AbandonedKvRelease> logger)
{
    public async Task ReleaseAsync(string requestId, KvSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.HealthTimeoutSeconds));
        try
        {
            using var response = await http.Client.DeleteAsync(EngineRoutes.Resolve(new Uri(source.Url), EngineRoutes.KvPath(source.KvHandle)), timeout.Token).ConfigureAwait(false);
            LogReleased(requestId, source.Url, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            LogReleaseFailed(requestId, source.Url, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Request {RequestId}: released its abandoned KV cache on {Url} (HTTP {Status})")]
    private partial void LogReleased(string requestId, string url, int status);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Request {RequestId}: could not release its abandoned KV cache on {Url} ({Error}); it expires at its time-to-live")]
    private partial void LogReleaseFailed(string requestId, string url, string error);
}
