using System.Text.Json.Serialization;
using Trinity.Gateway.Cache;
using Trinity.Gateway.Retrieval;

namespace Trinity.Gateway.OpenAi.Protocol;

/// <summary>Per-stage timings of a request in milliseconds (the <c>trinity</c> object of responses); stages that did
/// not happen are left out.</summary>
public sealed record TrinityTimings
{
    /// <summary>Waiting for an engine slot.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? QueueMs { get; init; }

    /// <summary>Arrival to the first generated token.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TtftMs { get; init; }

    /// <summary>Arrival to the last generated token.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? E2eMs { get; init; }

    /// <summary>The SLO policy the request ran under.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SloPolicy { get; init; }

    /// <summary>Retrieval done for the request.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RetrievalReport? Retrieval { get; init; }

    /// <summary>Answer-cache outcome.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CacheReport? Cache { get; init; }
}
