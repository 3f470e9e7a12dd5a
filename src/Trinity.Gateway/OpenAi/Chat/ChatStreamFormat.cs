using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Streaming;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>Chat chunks: a role chunk when a choice starts, one chunk per text delta, the finish reason on the
/// choice's last chunk; with <c>include_usage</c> <c>"usage": null</c> everywhere and a last chunk with
/// <c>choices: []</c> and the usage.</summary>
internal sealed class ChatStreamFormat(string id, long created, string model, int choices, int promptTokens, bool includeUsage)
    : IStreamFormat
{
    private readonly bool[] _started = new bool[choices];
    private int _completionTokens;

    public void Write(SseWriter writer, in SequenceEvent item)
    {
        var output = item.Output;
        _completionTokens += output.Tokens.Length;
        if (output.Text.Length == 0 && output.FinishReason is null)
        {
            return;
        }

        if (!_started[item.Index])
        {
            _started[item.Index] = true;
            writer.Write(Chunk(item.Index, new ChatDelta { Role = "assistant", Content = string.Empty }, null), ChatJson);
        }

        var delta = output.Text.Length > 0 ? new ChatDelta { Content = output.Text } : ChatDelta.Empty;
        var finish = output.FinishReason is { } reason ? FinishReasons.ToWire(reason) : null;
        writer.Write(Chunk(item.Index, delta, finish), ChatJson);
    }

    public void WriteEnd(SseWriter writer, TrinityTimings timings)
    {
        if (!includeUsage)
        {
            return;
        }

        writer.Write(
            new ChatCompletionChunk
            {
                Id = id,
                Created = created,
                Model = model,
                Choices = [],
                Usage = new Usage(promptTokens, _completionTokens, promptTokens + _completionTokens),
                Trinity = timings,
            },
            ChatJson);
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ChatCompletionChunk> ChatJson =>
        OpenAiJsonContext.Default.ChatCompletionChunk;

    private ChatCompletionChunk Chunk(int index, ChatDelta delta, string? finishReason) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new ChatChunkChoice { Index = index, Delta = delta, FinishReason = finishReason }],
    };
}
