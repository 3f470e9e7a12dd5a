namespace Trinity.Gateway.Cache;

/// <summary>The chat request's <c>answer_cache</c> extension.</summary>
public sealed record AnswerCacheRequest
{
    /// <summary>false: neither look the answer up nor store it.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Cosine similarity a semantic hit needs, in (0, 1] (default from configuration).</summary>
    public double? Threshold { get; init; }
}
