namespace Trinity.Contracts;

/// <summary>Error body of the internal APIs: <c>{"error": {"message", "type", "code"}}</c>, the OpenAI shape.</summary>
public sealed record EngineError(EngineErrorDetail Error);
