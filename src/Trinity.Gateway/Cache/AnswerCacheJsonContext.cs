using System.Text.Json.Serialization;

namespace Trinity.Gateway.Cache;

/// <summary>Source-generated JSON of the cache's wire records and pool payloads (snake_case, strict like the OpenAI
/// records, unknown fields skipped).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    MaxDepth = 64)]
[JsonSerializable(typeof(CachePointPayload))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(AnswerCacheInvalidateRequest))]
[JsonSerializable(typeof(AnswerCacheInvalidateResponse))]
internal sealed partial class AnswerCacheJsonContext : JsonSerializerContext;
