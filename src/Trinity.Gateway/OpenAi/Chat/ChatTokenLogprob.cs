namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>A generated token, its log probability, its UTF-8 bytes and the most likely tokens at its step.</summary>
public sealed record ChatTokenLogprob(string Token, float Logprob, IReadOnlyList<int> Bytes, IReadOnlyList<ChatTopLogprob> TopLogprobs);
