using System.Net;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// The gateway's HTTP/2 client for engines: multiplexed streams over few connections, a connect timeout, and
/// keep-alive pings so that a peer that vanished without closing its socket is noticed within seconds.
/// Per-call limits are applied by the callers.
/// </summary>
public sealed class RemoteEngineHttp : IDisposable
{
    public RemoteEngineHttp(IOptions<RemoteEnginesOptions> options)
        : this(Handler(options))
    {
    }

    /// <summary>Over another handler (tests stand in for the engines with one).</summary>
    internal RemoteEngineHttp(HttpMessageHandler handler)
    {
        Client = new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();

    private static SocketsHttpHandler Handler(IOptions<RemoteEnginesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(options.Value.ConnectTimeoutSeconds),
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
    }
}
