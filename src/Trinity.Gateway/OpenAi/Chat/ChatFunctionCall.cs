using System.Text.Json.Serialization;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>The function of a call: its name and its arguments as a JSON string. In a stream delta either may be
/// absent (the name comes with the first delta of a call, the arguments in fragments).</summary>
public sealed record ChatFunctionCall
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Arguments { get; init; }
}
