using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client.Wire;

/// <summary>The fields of an OpenAI error; <c>param</c> and <c>code</c> are written as null when absent, as OpenAI does.</summary>
public sealed record ErrorBody(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
