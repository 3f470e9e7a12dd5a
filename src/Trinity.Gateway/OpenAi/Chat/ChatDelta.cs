using System.Text.Json.Serialization;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>What a chunk adds to a choice: the role on the first chunk, then text or function-call pieces.</summary>
public sealed record ChatDelta
{
    /// <summary><c>assistant</c> on the first chunk of a choice.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    /// <summary>Text added by this chunk.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    /// <summary>Function-call pieces added by this chunk.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChatToolCallDelta>? ToolCalls { get; init; }

    /// <summary>The empty delta of a choice's final chunk.</summary>
    public static ChatDelta Empty { get; } = new();
}
