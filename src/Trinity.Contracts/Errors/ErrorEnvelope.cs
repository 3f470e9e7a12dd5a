namespace Trinity.Contracts.Errors;

/// <summary>The one error body of every Trinity HTTP API (gateway, engines, vector pool): OpenAI's
/// <c>{"error": {"message", "type", "param", "code"}}</c>, so that a client reads each process's errors alike.</summary>
/// <param name="Error">What went wrong.</param>
public sealed record ErrorEnvelope(ErrorDetail Error);
