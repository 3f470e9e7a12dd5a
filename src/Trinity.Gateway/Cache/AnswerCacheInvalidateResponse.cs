namespace Trinity.Gateway.Cache;

/// <summary>Answer of the invalidation endpoints.</summary>
/// <param name="Invalidated">Cached answers dropped.</param>
public sealed record AnswerCacheInvalidateResponse(long Invalidated);
