namespace Trinity.Tokenization;

/// <summary>A function call made by an assistant message.</summary>
/// <param name="Id">The call id (<c>call_…</c>).</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">The arguments as JSON text.</param>
public sealed record ChatToolCall(string Id, string Name, string Arguments);
