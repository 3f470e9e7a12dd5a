using System.Text.Json.Serialization;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>The assistant message of a choice: text, or (with <see cref="ToolCalls"/>) null content and the calls.</summary>
public sealed record ChatMessageOutput(string Role, string? Content)
{
    /// <summary>The function calls the model made; absent when it made none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChatToolCallOutput>? ToolCalls { get; init; }
}
