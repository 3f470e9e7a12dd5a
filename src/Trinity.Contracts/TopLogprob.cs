namespace Trinity.Contracts;

/// <summary>One of the most likely tokens at a step and its natural-log probability.</summary>
public readonly record struct TopLogprob(int Token, float Logprob);
