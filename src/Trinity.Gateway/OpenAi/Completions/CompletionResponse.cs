using System.Text.Json.Serialization;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>A text completion, or one chunk of a streamed one (same shape, as OpenAI's).</summary>
public sealed record CompletionResponse
{
    /// <summary><c>cmpl-…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Always <c>text_completion</c>.</summary>
    public string Object { get; init; } = "text_completion";

    /// <summary>Unix seconds.</summary>
    public required long Created { get; init; }

    /// <summary>The model that answered.</summary>
    public required string Model { get; init; }

    /// <summary>Choices (prompt index × n + choice); empty in the final usage chunk of a stream.</summary>
    public required IReadOnlyList<CompletionChoice> Choices { get; init; }

    /// <summary>Token counts; null on stream chunks other than the usage chunk.</summary>
    public Usage? Usage { get; init; }

    /// <summary>Per-stage timings (Trinity extension).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrinityTimings? Trinity { get; init; }
}
