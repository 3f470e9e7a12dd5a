namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>A call of an assistant message sent back in <c>messages</c>.</summary>
public sealed record ChatToolCallInput
{
    public string? Id { get; init; }

    /// <summary><c>function</c>.</summary>
    public string? Type { get; init; }

    public ChatFunctionCallInput? Function { get; init; }
}
