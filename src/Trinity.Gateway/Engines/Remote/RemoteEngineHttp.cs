using System.Net;
using Microsoft.Extensions.Options;
using Trinity.Common.Security;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// The gateway's HTTP/2 client for engines: multiplexed streams over few connections, a connect timeout, and
/// keep-alive pings so that a peer that vanished without closing its socket is noticed within seconds.
/// Per-call limits are applied by the callers.
/// </summary>
public sealed class RemoteEngineHttp : IDisposable
{
    /// <summary>Sends the cluster token (<c>Trinity:Cluster:Token</c>) on every call: engines refuse internal calls without it.</summary>
    public RemoteEngineHttp(IOptions<RemoteEnginesOptions> options, IOptions<ClusterOptions> cluster)
        : this(Handler(options))
    {
        ArgumentNullException.ThrowIfNull(cluster);
        Client.Authorize(cluster.Value.Token);
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
