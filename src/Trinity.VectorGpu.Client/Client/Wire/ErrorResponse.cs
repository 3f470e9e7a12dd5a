namespace Trinity.VectorGpu.Client.Wire;

/// <summary>The OpenAI error envelope: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record ErrorResponse(ErrorBody Error);
