namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>One choice of a chat completion.</summary>
public sealed record ChatChoice
{
    /// <summary>Position of the choice.</summary>
    public required int Index { get; init; }

    /// <summary>The generated assistant message.</summary>
    public required ChatMessageOutput Message { get; init; }

    /// <summary>Log probabilities of the tokens, when the request asked for <c>logprobs</c>; otherwise null.</summary>
    public ChatLogprobs? Logprobs { get; init; }

    /// <summary><c>stop</c>, <c>length</c> or <c>tool_calls</c>.</summary>
    public required string FinishReason { get; init; }
}
