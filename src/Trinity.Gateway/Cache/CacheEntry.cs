namespace Trinity.Gateway.Cache;

/// <summary>One cached answer: where it belongs, what it says, and when it was written (its time-to-live counts from
/// there, not from its last use: an answer goes stale however popular it is).</summary>
internal sealed class CacheEntry(CacheKey key, CachedAnswer answer, DateTimeOffset createdAt)
{
    public CacheKey Key { get; } = key;

    public CachedAnswer Answer { get; } = answer;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Position in the recency list; owned by <see cref="AnswerCacheIndex"/> under its lock.</summary>
    internal LinkedListNode<CacheEntry>? Node { get; set; }

    public bool IsExpired(DateTimeOffset now, TimeSpan ttl) => now - CreatedAt >= ttl;

    /// <summary>Whether the answer can be served to a request allowed <paramref name="maxTokens"/> completion
    /// tokens (null: no limit): a natural end within the limit, or a cut at exactly that limit (a longer limit would
    /// have gone on).</summary>
    public bool Fits(int? maxTokens) => Answer.FinishReason switch
    {
        "stop" => maxTokens is not { } limit || Answer.CompletionTokens <= limit,
        "length" => maxTokens == Answer.CompletionTokens,
        _ => false,
    };
}
