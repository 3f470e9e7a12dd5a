using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>A non-streamed chat completion.</summary>
public sealed record ChatCompletionResponse
{
    /// <summary><c>chatcmpl-…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Always <c>chat.completion</c>.</summary>
    public string Object { get; init; } = "chat.completion";

    /// <summary>Unix seconds.</summary>
    public required long Created { get; init; }

    /// <summary>The model that answered.</summary>
    public required string Model { get; init; }

    /// <summary>One choice per <c>n</c>.</summary>
    public required IReadOnlyList<ChatChoice> Choices { get; init; }

    /// <summary>Token counts.</summary>
    public required Usage Usage { get; init; }

    /// <summary>Per-stage timings (Trinity extension).</summary>
    public TrinityTimings? Trinity { get; init; }
}
