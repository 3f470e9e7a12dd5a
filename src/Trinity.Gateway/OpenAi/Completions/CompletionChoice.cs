namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>One choice of a text completion (or its piece in a stream chunk).</summary>
public sealed record CompletionChoice
{
    /// <summary>Position of the choice.</summary>
    public required int Index { get; init; }

    /// <summary>Generated text (the piece of it, in a stream).</summary>
    public required string Text { get; init; }

    /// <summary>Log probabilities of the tokens, when the request asked for <c>logprobs</c>; otherwise null.</summary>
    public CompletionLogprobs? Logprobs { get; init; }

    /// <summary><c>stop</c> or <c>length</c> on the choice's last piece; otherwise null.</summary>
    public string? FinishReason { get; init; }
}
