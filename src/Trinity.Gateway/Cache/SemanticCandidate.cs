namespace Trinity.Gateway.Cache;

/// <summary>A cached answer the pool found near a prompt, with its cosine similarity.</summary>
internal readonly record struct SemanticCandidate(CacheEntry Entry, double Score);
