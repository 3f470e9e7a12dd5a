namespace Trinity.Gateway.Cache;

/// <summary>The generation settings that decide whether a request may use the cache at all.</summary>
/// <param name="Choices">Choices asked for (<c>n</c>).</param>
/// <param name="Temperature">Sampling temperature in effect.</param>
/// <param name="Seed">The seed asked for, or null.</param>
/// <param name="IgnoreEos">Whether generation runs past the end-of-sequence token.</param>
internal readonly record struct AnswerCacheEligibility(int Choices, float Temperature, ulong? Seed, bool IgnoreEos);
