using Trinity.Tokenization;

namespace Trinity.Gateway.Cache;

/// <summary>What a cached answer is looked up (and stored) by.</summary>
/// <param name="Model">Served model name.</param>
/// <param name="Messages">The conversation as the client sent it (before retrieval adds context).</param>
/// <param name="Collection">Retrieval collection the answer was grounded in, or null.</param>
/// <param name="Threshold">Cosine similarity a semantic hit needs; null: the configured default.</param>
/// <param name="Deadline">When the lookup must be done (the request's TTFT deadline).</param>
public sealed record AnswerCacheQuery(string Model, IReadOnlyList<ChatMessage> Messages, string? Collection, double? Threshold, DateTimeOffset Deadline)
{
    /// <summary>Stop strings of the request: they shape the answer, so they are part of the namespace.</summary>
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>The request's completion-token limit; null: none. A cached answer is used only when it fits: one that
    /// ended naturally (<c>stop</c>) within the limit, or one cut at exactly this limit (<c>length</c>).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The tenant's cache group: answers are only ever shared inside one partition (empty: the open
    /// deployment's single tenant).</summary>
    public string Partition { get; init; } = string.Empty;
}
