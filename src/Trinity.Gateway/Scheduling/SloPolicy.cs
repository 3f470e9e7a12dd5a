using System.ComponentModel.DataAnnotations;

namespace Trinity.Gateway.Scheduling;

/// <summary>A latency objective: time to first token and time per output token, in milliseconds.</summary>
public sealed record SloPolicy
{
    [Range(1, 3_600_000)]
    public double TtftMs { get; init; } = 2000;

    [Range(0.1, 600_000)]
    public double TpotMs { get; init; } = 200;
}
