using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client;

/// <summary>Index structure of a collection.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndexKind>))]
public enum IndexKind
{
    /// <summary>Exact search over every vector.</summary>
    [JsonStringEnumMemberName("flat")]
    Flat,

    /// <summary>IVF-Flat: k-means centroids, inverted lists, <c>nprobe</c> lists scanned per query.</summary>
    [JsonStringEnumMemberName("ivf")]
    Ivf,

    /// <summary>Proximity graph (fixed out-degree, pruned neighbours): a beam of <c>ef</c> candidates walked a few expansions per pool iteration.</summary>
    [JsonStringEnumMemberName("graph")]
    Graph,
}
