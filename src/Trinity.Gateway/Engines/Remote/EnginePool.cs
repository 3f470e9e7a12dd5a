using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// The remote engines and how to pick one: prefill by least outstanding prompt tokens, decode by least active
/// sequences, healthy engines only, ties broken round-robin. Health is active (a probe loop) and passive (a
/// failed call marks the engine unhealthy until its next good probe).
/// </summary>
public sealed class EnginePool
{
    private int _rotation;

    public EnginePool(IOptions<RemoteEnginesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Prefill = options.Value.Prefill.Select(u => new EngineNode(EngineRole.Prefill, Parse(u))).ToArray();
        Decode = options.Value.Decode.Select(u => new EngineNode(EngineRole.Decode, Parse(u))).ToArray();
    }

    public IReadOnlyList<EngineNode> Prefill { get; }

    public IReadOnlyList<EngineNode> Decode { get; }

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

    private static Uri Parse(string url) =>
        Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionsValidationException(RemoteEnginesOptions.SectionName, typeof(RemoteEnginesOptions), [$"engine URL '{url}' must be an absolute http(s) URL"]);
}
