namespace Trinity.Contracts;

/// <summary>A piece of a generated sequence, as streamed by an engine.</summary>
/// <param name="Tokens">Token ids generated since the previous output (usually one).</param>
/// <param name="Text">Text those tokens complete; may be empty while a UTF-8 character or a possible stop
/// string is held back.</param>
/// <param name="FinishReason">Set on the last output of the sequence.</param>
/// <param name="Logprobs">One entry per token of <paramref name="Tokens"/>, when the request asked for logprobs.</param>
public sealed record GenerationOutput(int[] Tokens, string Text, FinishReason? FinishReason = null, TokenLogprob[]? Logprobs = null);
