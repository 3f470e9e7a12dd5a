using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>One message of a chat request.</summary>
public sealed record ChatMessageInput
{
    /// <summary>system, developer, user, assistant or tool.</summary>
    public string? Role { get; init; }

    /// <summary>A string or an array of text parts; may be null for an assistant message.</summary>
    public MessageContent? Content { get; init; }
}
