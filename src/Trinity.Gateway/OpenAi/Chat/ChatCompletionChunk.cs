using System.Text.Json.Serialization;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>One server-sent event of a streamed chat completion; every chunk of a stream has the same
/// <see cref="Id"/> and <see cref="Created"/>.</summary>
public sealed record ChatCompletionChunk
{
    /// <summary><c>chatcmpl-…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    public string Object { get; init; } = "chat.completion.chunk";

    /// <summary>Unix seconds.</summary>
    public required long Created { get; init; }

    /// <summary>The model that answers.</summary>
    public required string Model { get; init; }

    /// <summary>Deltas; empty in the final usage chunk.</summary>
    public required IReadOnlyList<ChatChunkChoice> Choices { get; init; }

    /// <summary>Null except in the final chunk when <c>stream_options.include_usage</c> is set.</summary>
    public Usage? Usage { get; init; }

    /// <summary>Per-stage timings on the last chunk (Trinity extension).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrinityTimings? Trinity { get; init; }
}
