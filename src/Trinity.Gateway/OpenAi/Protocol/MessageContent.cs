using System.Text.Json.Serialization;
using Trinity.Gateway.OpenAi.Json;

namespace Trinity.Gateway.OpenAi.Protocol;

/// <summary>A message's <c>content</c>: a string, or an array of <c>{"type": "text", "text": ...}</c> parts (joined
/// with newlines, as other OpenAI-compatible servers do).</summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed record MessageContent(string Text);
