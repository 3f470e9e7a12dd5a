namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>One of the most likely tokens at a step.</summary>
public sealed record ChatTopLogprob(string Token, float Logprob, IReadOnlyList<int> Bytes);
