using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client;

/// <summary>Where a quantized collection keeps its exact vectors, which re-rank the best candidates of a search.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RerankSource>))]
public enum RerankSource
{
    /// <summary>fp32 vectors in a file mapped into memory: the page cache holds what searches touch, the heap nothing.</summary>
    [JsonStringEnumMemberName("disk")]
    Disk,

    /// <summary>fp32 vectors in memory beside the codes: fastest re-rank, most memory.</summary>
    [JsonStringEnumMemberName("memory")]
    Memory,

    /// <summary>No re-rank: scores come from the codes (the fp32 vectors still live on disk for snapshots and exact fallbacks).</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
