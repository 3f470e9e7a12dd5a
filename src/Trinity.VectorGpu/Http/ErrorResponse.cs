namespace Trinity.VectorGpu.Http;

/// <summary>The OpenAI error envelope: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal sealed record ErrorResponse(ErrorBody Error);
