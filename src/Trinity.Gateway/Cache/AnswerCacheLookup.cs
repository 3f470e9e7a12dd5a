namespace Trinity.Gateway.Cache;

/// <summary>What the cache stage found for one request.</summary>
/// <param name="Report">hit, miss or bypass, with the tier, score and time of the lookup.</param>
/// <param name="Hit">The cached answer, on a hit.</param>
/// <param name="StoreUnder">On a miss, what the generated answer is to be stored under; null otherwise.</param>
internal sealed record AnswerCacheLookup(CacheReport Report, AnswerCacheHit? Hit, AnswerCacheQuery? StoreUnder);
