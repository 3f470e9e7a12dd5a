namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>A function call found in a model's output.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">Its arguments as JSON text.</param>
internal sealed record ParsedToolCall(string Name, string Arguments);
