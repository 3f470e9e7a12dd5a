namespace Trinity.Contracts;

/// <summary>The log probability of one generated token and of the most likely alternatives at its step, from the
/// log-softmax of the model's raw logits: before the repetition penalty, a grammar's mask, temperature, top-k and
/// top-p, as OpenAI reports the model's own distribution.</summary>
/// <param name="Token">The generated token id.</param>
/// <param name="Logprob">Its natural-log probability.</param>
/// <param name="Top">The most likely tokens at that step, most likely first (as many as asked, 0 to 20).</param>
public sealed record TokenLogprob(int Token, float Logprob, TopLogprob[] Top);
