using System.Text.Json.Serialization;
using Trinity.Contracts.Errors;
using Trinity.Gateway.OpenAi.Chat;
using Trinity.Gateway.OpenAi.Completions;
using Trinity.Gateway.OpenAi.Embeddings;
using Trinity.Gateway.OpenAi.Models;

namespace Trinity.Gateway.OpenAi.Protocol;

/// <summary>Source-generated serialization of the OpenAI wire records: snake_case names, strict types (no numbers
/// in strings, no comments, no trailing commas), unknown fields skipped, bounded nesting.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    MaxDepth = MaxDepth,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext
{
    /// <summary>Deepest nesting accepted in a request body.</summary>
    public const int MaxDepth = 64;
}
