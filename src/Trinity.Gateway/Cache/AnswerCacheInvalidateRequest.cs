namespace Trinity.Gateway.Cache;

/// <summary>Body of <c>POST /v1/cache/invalidate</c>: the answers matching every given field are dropped (at least
/// one field is required; <c>DELETE /v1/cache</c> drops everything).</summary>
public sealed record AnswerCacheInvalidateRequest
{
    /// <summary>Served model name.</summary>
    public string? Model { get; init; }

    /// <summary>The system (and developer) prompt the answers were given under, compared after whitespace
    /// normalisation; an empty string matches answers given without one.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Retrieval collection the answers were grounded in.</summary>
    public string? Collection { get; init; }

    /// <summary>The last user message of the cached conversations, compared after whitespace normalisation and
    /// ignoring case.</summary>
    public string? Prompt { get; init; }
}
