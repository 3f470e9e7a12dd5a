using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>One message of a chat request.</summary>
public sealed record ChatMessageInput
{
    /// <summary>system, developer, user, assistant or tool.</summary>
    public string? Role { get; init; }

    /// <summary>A string or an array of text parts; may be null for an assistant message.</summary>
    public MessageContent? Content { get; init; }

    /// <summary>The calls an assistant message made (sent back with the conversation).</summary>
    public IReadOnlyList<ChatToolCallInput?>? ToolCalls { get; init; }

    /// <summary>The call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>The participant's or function's name (accepted; templates do not render it).</summary>
    public string? Name { get; init; }
}
