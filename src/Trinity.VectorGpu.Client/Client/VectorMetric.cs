using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client;

/// <summary>How a collection compares vectors.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VectorMetric>))]
public enum VectorMetric
{
    /// <summary>Cosine similarity (vectors normalised at insert); score = similarity, higher is better.</summary>
    [JsonStringEnumMemberName("cosine")]
    Cosine,

    /// <summary>Inner product; score = dot product, higher is better.</summary>
    [JsonStringEnumMemberName("ip")]
    Ip,

    /// <summary>Euclidean; score = squared distance, lower is better.</summary>
    [JsonStringEnumMemberName("l2")]
    L2,
}
