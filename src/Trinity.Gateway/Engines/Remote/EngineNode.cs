namespace Trinity.Gateway.Engines.Remote;

/// <summary>One remote engine as the gateway sees it: address, health and the load the gateway has put on it.</summary>
public sealed class EngineNode(EngineRole role, Uri url)
{
    private int _healthy = 1;
    private long _outstandingTokens;
    private int _activeSequences;

    public EngineRole Role { get; } = role;

    /// <summary>Internal (HTTP/2) base URL.</summary>
    public Uri Url { get; } = url;

    /// <summary>The configured URL this engine was found through (its DNS name, for engines found by resolving one).</summary>
    public Uri? Origin { get; init; }

    public bool Healthy => Volatile.Read(ref _healthy) == 1;

    /// <summary>Prompt tokens sent to this prefill engine and not yet answered.</summary>
    public long OutstandingTokens => Interlocked.Read(ref _outstandingTokens);

    /// <summary>Sequences this decode engine is streaming for the gateway.</summary>
    public int ActiveSequences => Volatile.Read(ref _activeSequences);

    public DateTimeOffset? LastFailure { get; private set; }

    public string? LastError { get; private set; }

    public void MarkHealthy() => Volatile.Write(ref _healthy, 1);

    public void MarkUnhealthy(string reason, DateTimeOffset when)
    {
        LastError = reason;
        LastFailure = when;
        Volatile.Write(ref _healthy, 0);
    }

    public void AddTokens(long count) => Interlocked.Add(ref _outstandingTokens, count);

    public void AddSequences(int count) => Interlocked.Add(ref _activeSequences, count);
}
