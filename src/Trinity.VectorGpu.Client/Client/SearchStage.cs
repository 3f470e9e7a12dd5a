using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client;

/// <summary>The LLM stage a vector query blocks; decode-stage queries are scheduled first by the <c>trinity</c> policy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchStage>))]
public enum SearchStage
{
    /// <summary>Blocks the first token (answer cache, RAG before prefill): TTFT budget.</summary>
    [JsonStringEnumMemberName("prefill")]
    Prefill,

    /// <summary>Blocks the next token (retrieval during decode): TPOT budget.</summary>
    [JsonStringEnumMemberName("decode")]
    Decode,
}
