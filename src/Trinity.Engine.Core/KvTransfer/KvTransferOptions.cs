using System.ComponentModel.DataAnnotations;

namespace Trinity.Engine.KvTransfer;

/// <summary>How prefilled KV caches are held and moved (configuration section <c>Trinity:KvTransfer</c>).</summary>
public sealed record KvTransferOptions
{
    public const string SectionName = "Trinity:KvTransfer";

    /// <summary>How long a prefill engine keeps a cache nobody pulled.</summary>
    [Range(1, 3600)]
    public int TtlSeconds { get; init; } = 30;

    /// <summary>Most bytes of unpulled caches a prefill engine holds; beyond it new prefills are refused (503).</summary>
    [Range(1L << 20, long.MaxValue)]
    public long MaxStoreBytes { get; init; } = 2L << 30;

    /// <summary>A decode engine gives up pulling after this long and recomputes the prompt itself.</summary>
    [Range(0.1, 600)]
    public double PullTimeoutSeconds { get; init; } = 10;
}
