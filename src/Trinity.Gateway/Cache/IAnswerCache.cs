namespace Trinity.Gateway.Cache;

/// <summary>
/// The answer cache: an exact tier (the same conversation, byte for byte after normalisation) and a semantic tier in
/// the shared vector pool (cosine similarity ≥ a threshold, searched at the prefill stage before the request's
/// TTFT deadline), with a guard against near-identical prompts of different meaning. Answers are kept per model,
/// per system prompt and per retrieval collection.
/// </summary>
public interface IAnswerCache
{
    /// <summary>A cached answer for the conversation, or null. Never throws for a pool that is slow or down: a lookup
    /// that cannot finish by the deadline is a miss.</summary>
    Task<AnswerCacheHit?> LookupAsync(AnswerCacheQuery query, CancellationToken cancellationToken);

    /// <summary>Keeps a finished answer (finish reason stop or length) for later requests.</summary>
    Task StoreAsync(AnswerCacheQuery query, CachedAnswer answer, CancellationToken cancellationToken);
}
