namespace Trinity.Gateway.Cache;

/// <summary>A cached answer found for a request.</summary>
/// <param name="Answer">The answer.</param>
/// <param name="Tier">exact or semantic.</param>
/// <param name="Score">Cosine similarity (1 for exact hits).</param>
public sealed record AnswerCacheHit(CachedAnswer Answer, string Tier, double Score);
