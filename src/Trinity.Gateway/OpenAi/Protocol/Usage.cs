namespace Trinity.Gateway.OpenAi.Protocol;

/// <summary>Token counts of a completion.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);
