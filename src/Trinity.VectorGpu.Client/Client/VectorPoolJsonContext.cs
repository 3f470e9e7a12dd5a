using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client;

/// <summary>Source-generated JSON for every wire record of the pool (snake_case, strict numbers, bounded depth).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(CollectionSpec))]
[JsonSerializable(typeof(CollectionInfo))]
[JsonSerializable(typeof(IReadOnlyList<CollectionInfo>))]
[JsonSerializable(typeof(VectorPoint))]
[JsonSerializable(typeof(VectorSearchRequest))]
[JsonSerializable(typeof(VectorSearchResult))]
[JsonSerializable(typeof(UpsertResult))]
[JsonSerializable(typeof(Wire.UpsertPointsBody))]
[JsonSerializable(typeof(Wire.DeletePointsBody))]
[JsonSerializable(typeof(Wire.SearchBody))]
[JsonSerializable(typeof(Wire.BatchSearchBody))]
[JsonSerializable(typeof(Wire.BatchSearchResponse))]
[JsonSerializable(typeof(Wire.CollectionListResponse))]
[JsonSerializable(typeof(Trinity.Contracts.Errors.ErrorEnvelope))]
[JsonSerializable(typeof(Wire.DeletedResponse))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class VectorPoolJsonContext : JsonSerializerContext;
