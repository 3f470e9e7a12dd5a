using System.Text.Json.Serialization;
using Trinity.Gateway.OpenAi.Json;

namespace Trinity.Gateway.OpenAi.Protocol;

/// <summary>An embedding on the wire: an array of numbers, or with <c>encoding_format: "base64"</c> the base64 of its
/// little-endian float32 bytes.</summary>
[JsonConverter(typeof(EmbeddingVectorConverter))]
public sealed record EmbeddingVector(float[] Values, bool Base64);
