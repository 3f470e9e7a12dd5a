namespace Trinity.Tokenization;

/// <summary>One message of a chat, as given to a chat template.</summary>
/// <param name="Role">system, developer, user, assistant or tool.</param>
/// <param name="Content">The message text (array content parts already joined).</param>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>The function calls of an assistant message, if it made any.</summary>
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }

    /// <summary>The call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; init; }
}
