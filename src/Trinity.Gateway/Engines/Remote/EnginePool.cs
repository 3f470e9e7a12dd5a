using System.Net;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// The remote engines and how to pick one: prefill by least outstanding prompt tokens, decode by least active
/// sequences, healthy engines only, ties broken round-robin. Health is active (a probe loop) and passive (a
/// failed call marks the engine unhealthy until its next good probe). A configured URL whose host is a DNS name
/// stands for every address it resolves to (a Kubernetes headless Service lists its ready pods that way), so
/// engines are balanced per pod rather than per multiplexed HTTP/2 connection; <see cref="RefreshAsync"/> follows
/// pods as they come and go.
/// </summary>
public sealed class EnginePool
{
    private Uri[] _prefillUrls;
    private Uri[] _decodeUrls;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;
    private EngineNode[] _prefill;
    private EngineNode[] _decode;
    private int _rotation;

    public EnginePool(IOptions<RemoteEnginesOptions> options)
        : this(options, Dns.GetHostAddressesAsync)
    {
    }

    public EnginePool(IOptions<RemoteEnginesOptions> options, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        _resolve = resolve;
        _prefillUrls = options.Value.Prefill.Select(Parse).ToArray();
        _decodeUrls = options.Value.Decode.Select(Parse).ToArray();
        _prefill = _prefillUrls.Select(u => new EngineNode(EngineRole.Prefill, u)).ToArray();
        _decode = _decodeUrls.Select(u => new EngineNode(EngineRole.Decode, u)).ToArray();
    }

    public IReadOnlyList<EngineNode> Prefill => Volatile.Read(ref _prefill);

    public IReadOnlyList<EngineNode> Decode => Volatile.Read(ref _decode);

    public IEnumerable<EngineNode> All => Prefill.Concat(Decode);

    /// <summary>Healthy engines of a role in the order to try them, the least loaded first; <paramref name="exclude"/>
    /// holds engines that already failed this request.</summary>
    public IReadOnlyList<EngineNode> Candidates(EngineRole role, IReadOnlyCollection<EngineNode> exclude)
    {
        var nodes = role == EngineRole.Prefill ? Prefill : Decode;
        var start = Interlocked.Increment(ref _rotation);
        return nodes
            .Select((node, index) => (node, order: (index + start) % Math.Max(1, nodes.Count)))
            .Where(x => x.node.Healthy && !exclude.Contains(x.node))
            .OrderBy(x => role == EngineRole.Prefill ? x.node.OutstandingTokens : x.node.ActiveSequences)
            .ThenBy(x => x.order)
            .Select(x => x.node)
            .ToArray();
    }

    /// <summary>Replaces a role's configured addresses by the internal ones the engines advertised
    /// (<see cref="EngineDiscoveryService"/>, at start, before the first probe or request).</summary>
    internal void UseInternalUrls(EngineRole role, Uri[] urls)
    {
        var nodes = urls.Select(u => new EngineNode(role, u)).ToArray();
        if (role == EngineRole.Prefill)
        {
            _prefillUrls = urls;
            Volatile.Write(ref _prefill, nodes);
        }
        else
        {
            _decodeUrls = urls;
            Volatile.Write(ref _decode, nodes);
        }
    }

    /// <summary>Re-resolves host names: new addresses become engines, vanished ones are dropped, known ones keep their
    /// health and load. A name that fails to resolve keeps its previous engines.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _prefill, await ResolveAsync(EngineRole.Prefill, _prefillUrls, Prefill, cancellationToken).ConfigureAwait(false));
        Volatile.Write(ref _decode, await ResolveAsync(EngineRole.Decode, _decodeUrls, Decode, cancellationToken).ConfigureAwait(false));
    }

    private async Task<EngineNode[]> ResolveAsync(EngineRole role, Uri[] configured, IReadOnlyList<EngineNode> current, CancellationToken cancellationToken)
    {
        var known = current.ToDictionary(n => n.Url.ToString(), StringComparer.Ordinal);
        var nodes = new List<EngineNode>();
        foreach (var url in configured)
        {
            IEnumerable<Uri> expanded;
            if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || url.IsLoopback)
            {
                expanded = [url];
            }
            else
            {
                try
                {
                    var addresses = await _resolve(url.Host, cancellationToken).ConfigureAwait(false);
                    expanded = addresses.Length == 0 ? [url] : addresses.Select(a => new UriBuilder(url) { Host = a.ToString() }.Uri);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    expanded = current.Where(n => n.Origin == url).Select(n => n.Url).DefaultIfEmpty(url);
                }
            }

            foreach (var address in expanded)
            {
                nodes.Add(known.TryGetValue(address.ToString(), out var node) ? node : new EngineNode(role, address) { Origin = url });
            }
        }

        return [.. nodes.DistinctBy(n => n.Url.ToString())];
    }

    internal static Uri Parse(string url) =>
        Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionsValidationException(RemoteEnginesOptions.SectionName, typeof(RemoteEnginesOptions), [$"engine URL '{url}' must be an absolute http(s) URL"]);
}
