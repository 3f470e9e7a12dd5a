using System.Text.Json;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>One choice of a chat completion.</summary>
public sealed record ChatChoice
{
    /// <summary>Position of the choice.</summary>
    public required int Index { get; init; }

    /// <summary>The generated assistant message.</summary>
    public required ChatMessageOutput Message { get; init; }

    /// <summary>Always null: log probabilities are not produced.</summary>
    public JsonElement? Logprobs { get; init; }

    /// <summary><c>stop</c> or <c>length</c>.</summary>
    public required string FinishReason { get; init; }
}
