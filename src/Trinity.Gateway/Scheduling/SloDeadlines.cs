namespace Trinity.Gateway.Scheduling;

/// <summary>One request's objective turned into absolute times: retrieval before the first token must finish by
/// <see cref="FirstToken"/>; each later token has <see cref="PerToken"/>.</summary>
public readonly record struct SloDeadlines(string Policy, DateTimeOffset Arrival, DateTimeOffset FirstToken, TimeSpan PerToken, SloPolicy Objective);
