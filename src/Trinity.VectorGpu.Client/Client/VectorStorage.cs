using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client;

/// <summary>How a collection holds its vectors for searching.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VectorStorage>))]
public enum VectorStorage
{
    /// <summary>32-bit floats: exact, 4 bytes per dimension.</summary>
    [JsonStringEnumMemberName("fp32")]
    Fp32,

    /// <summary>IEEE half floats: 2 bytes per dimension.</summary>
    [JsonStringEnumMemberName("fp16")]
    Fp16,

    /// <summary>Scalar quantization: per-dimension range, one byte per dimension.</summary>
    [JsonStringEnumMemberName("sq8")]
    Sq8,
}
