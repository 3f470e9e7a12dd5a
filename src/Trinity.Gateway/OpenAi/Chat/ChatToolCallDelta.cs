using System.Text.Json.Serialization;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>A streamed piece of a function call: the first one of a call carries its id, type and name (and empty
/// arguments), the next ones argument fragments; <see cref="Index"/> says which call they extend.</summary>
public sealed record ChatToolCallDelta
{
    public required int Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    public required ChatFunctionCall Function { get; init; }
}
