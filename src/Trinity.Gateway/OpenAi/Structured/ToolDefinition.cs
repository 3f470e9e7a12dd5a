namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>A function offered in <c>tools</c>.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Parameters">Its parameters' JSON Schema text.</param>
internal sealed record ToolDefinition(string Name, string Parameters);
