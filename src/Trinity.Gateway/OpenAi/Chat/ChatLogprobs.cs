namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>A choice's <c>logprobs</c>: one entry per generated token (in a stream chunk, the chunk's tokens).</summary>
public sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content)
{
    /// <summary>Always null: refusals are not generated.</summary>
    public IReadOnlyList<ChatTokenLogprob>? Refusal { get; init; }
}
