using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Trinity.Common.Security;

/// <summary>Once the server listens: a role reachable beyond this machine without a cluster token is open to anyone
/// on the network, so it is said at start (a warning) or refused (<see cref="ClusterOptions.RequireToken"/>).</summary>
internal sealed partial class ClusterTokenStartupCheck(IServer server, IOptions<ClusterOptions> options, ILogger<ClusterTokenStartupCheck> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.HasToken)
        {
            return Task.CompletedTask;
        }

        var exposed = server.Features.Get<IServerAddressesFeature>()?.Addresses.Where(a => !IsLoopback(a)).ToList() ?? [];
        if (exposed.Count == 0)
        {
            return Task.CompletedTask;
        }

        var addresses = string.Join(", ", exposed);
        if (options.Value.RequireToken)
        {
            throw new InvalidOperationException(
                $"listening on {addresses} without a cluster token: set {ClusterOptions.Section}:Token (Trinity__Cluster__Token) or bind to loopback");
        }

        NoToken(logger, addresses);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether a listening address (<c>http://127.0.0.1:8101</c>, <c>http://[::]:80</c>, <c>http://+:80</c>)
    /// is reachable from this machine only.</summary>
    public static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning,
        Message = "Listening on {Addresses} without a cluster token: anyone who can reach this role can use its internal API. Set Trinity:Cluster:Token (Trinity__Cluster__Token) on every role and gateway.")]
    private static partial void NoToken(ILogger logger, string addresses);
}
