using System.Text.Json.Serialization;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Source-generated JSON of the ingestion wire records, with the OpenAI records' rules (snake_case, strict
/// numbers, unknown fields skipped, bounded nesting, nulls written).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    MaxDepth = 64,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(IngestResult))]
[JsonSerializable(typeof(IngestJobView))]
[JsonSerializable(typeof(IngestJobAccepted))]
[JsonSerializable(typeof(string))]
internal sealed partial class IngestionJsonContext : JsonSerializerContext;
