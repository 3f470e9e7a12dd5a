namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>One function call of an assistant message: <c>{id, type: "function", function: {name, arguments}}</c>.</summary>
public sealed record ChatToolCallOutput(string Id, string Type, ChatFunctionCall Function);
