namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>The assistant message of a choice.</summary>
public sealed record ChatMessageOutput(string Role, string Content);
