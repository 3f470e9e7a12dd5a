namespace Trinity.Gateway.OpenAi.Embeddings;

/// <summary>Token counts of an embeddings request.</summary>
public sealed record EmbeddingUsage(int PromptTokens, int TotalTokens);
