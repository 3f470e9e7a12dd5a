using System.Text.Json.Serialization;
using Trinity.Gateway.OpenAi.Json;

namespace Trinity.Gateway.OpenAi.Protocol;

/// <summary><c>stop</c>: a string or an array of strings on the wire.</summary>
[JsonConverter(typeof(StopSequencesConverter))]
public sealed record StopSequences(IReadOnlyList<string> Values);
