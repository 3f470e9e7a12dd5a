namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>A text completion's <c>logprobs</c> (the legacy shape): parallel lists of tokens, their log probabilities,
/// the most likely tokens at each step as token → logprob maps, and each token's character offset in the choice's
/// text.</summary>
public sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<float> TokenLogprobs,
    IReadOnlyList<IReadOnlyDictionary<string, float>> TopLogprobs,
    IReadOnlyList<int> TextOffset);
