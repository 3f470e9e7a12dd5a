namespace Trinity.Gateway.Cache;

/// <summary>A finished answer as stored.</summary>
public sealed record CachedAnswer(string Text, int CompletionTokens, string FinishReason);
