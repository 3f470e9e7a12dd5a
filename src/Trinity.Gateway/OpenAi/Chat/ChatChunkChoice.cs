namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>A choice's delta inside a chunk.</summary>
public sealed record ChatChunkChoice
{
    /// <summary>Position of the choice.</summary>
    public required int Index { get; init; }

    /// <summary>New role and/or text.</summary>
    public required ChatDelta Delta { get; init; }

    /// <summary>Log probabilities of the tokens, when the request asked for <c>logprobs</c>; otherwise null.</summary>
    public ChatLogprobs? Logprobs { get; init; }

    /// <summary>Set on the choice's last chunk.</summary>
    public string? FinishReason { get; init; }
}
