namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>The body of an OpenAI error: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAiError
{
    /// <summary>Human-readable explanation.</summary>
    public required string Message { get; init; }

    /// <summary>Error class, e.g. <c>invalid_request_error</c> or <c>server_error</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The request parameter at fault (e.g. <c>messages[1].content</c>), or null.</summary>
    public string? Param { get; init; }

    /// <summary>Machine-readable code (e.g. <c>model_not_found</c>), or null.</summary>
    public string? Code { get; init; }
}
