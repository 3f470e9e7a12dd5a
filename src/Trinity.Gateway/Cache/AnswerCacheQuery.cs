using Trinity.Engine.Model.Tokenization;

namespace Trinity.Gateway.Cache;

/// <summary>What a cached answer is looked up (and stored) by.</summary>
/// <param name="Model">Served model name.</param>
/// <param name="Messages">The conversation as the client sent it (before retrieval adds context).</param>
/// <param name="Collection">Retrieval collection the answer was grounded in, or null.</param>
/// <param name="Threshold">Cosine similarity a semantic hit needs; null: the configured default.</param>
/// <param name="Deadline">When the lookup must be done (the request's TTFT deadline).</param>
public sealed record AnswerCacheQuery(string Model, IReadOnlyList<ChatMessage> Messages, string? Collection, double? Threshold, DateTimeOffset Deadline);
