using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Streaming;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>Chat chunks: a role chunk when a choice starts, one chunk per text delta (with its tokens' logprobs when
/// asked), the finish reason on the choice's last chunk; with <c>include_usage</c> <c>"usage": null</c> everywhere and a
/// last chunk with <c>choices: []</c> and the usage. A call to a named function streams as OpenAI's: a
/// <c>delta.tool_calls</c> chunk with the id, type, name and empty arguments, then argument fragments. Calls the model
/// chooses (<c>required</c>, <c>auto</c>) are parsed from the whole output, so they come at its end, in the same shape.</summary>
internal sealed class ChatStreamFormat(string id, long created, string model, IReadOnlyList<ChatChoiceBuilder> choices, int promptTokens, bool includeUsage)
    : IStreamFormat
{
    private readonly bool[] _started = new bool[choices.Count];
    private int _completionTokens;

    public void Write(SseWriter writer, in SequenceEvent item)
    {
        var output = item.Output;
        var index = item.Index;
        var choice = choices[index];
        _completionTokens += output.Tokens.Length;
        var logprobs = choice.Add(output);
        if (output.Text.Length == 0 && output.FinishReason is null && logprobs.Count == 0)
        {
            return;
        }

        if (!_started[index])
        {
            _started[index] = true;
            writer.Write(Chunk(index, new ChatDelta { Role = "assistant", Content = choice.NamedCall ? null : string.Empty }, null, null), ChatJson);
            if (choice.NamedCall)
            {
                var header = new ChatToolCallDelta
                {
                    Index = 0,
                    Id = ChatChoiceBuilder.NewCallId(),
                    Type = "function",
                    Function = new ChatFunctionCall { Name = choice.NamedFunction, Arguments = string.Empty },
                };
                writer.Write(Chunk(index, new ChatDelta { ToolCalls = [header] }, null, null), ChatJson);
            }
        }

        if (choice.Buffered)
        {
            if (output.FinishReason is not null)
            {
                WriteBuffered(writer, index, choice);
            }

            return;
        }

        var delta = output.Text.Length == 0 ? ChatDelta.Empty
            : choice.NamedCall ? new ChatDelta { ToolCalls = [new ChatToolCallDelta { Index = 0, Function = new ChatFunctionCall { Arguments = output.Text } }] }
            : new ChatDelta { Content = output.Text };
        var finish = output.FinishReason is null ? null : choice.NamedCall && choice.FinishReason == "stop" ? "tool_calls" : choice.FinishReason;
        writer.Write(Chunk(index, delta, finish, choice.Logprobs(logprobs)), ChatJson);
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

    /// <summary>A held choice at its end: its calls (header, then the arguments) or its text, then the finish.</summary>
    private void WriteBuffered(SseWriter writer, int index, ChatChoiceBuilder choice)
    {
        var (message, finish) = choice.Build();
        var logprobs = choice.Logprobs();
        if (message.ToolCalls is { } calls)
        {
            for (var k = 0; k < calls.Count; k++)
            {
                var header = new ChatToolCallDelta { Index = k, Id = calls[k].Id, Type = "function", Function = new ChatFunctionCall { Name = calls[k].Function.Name, Arguments = string.Empty } };
                writer.Write(Chunk(index, new ChatDelta { ToolCalls = [header] }, null, k == 0 ? logprobs : null), ChatJson);
                var arguments = new ChatToolCallDelta { Index = k, Function = new ChatFunctionCall { Arguments = calls[k].Function.Arguments } };
                writer.Write(Chunk(index, new ChatDelta { ToolCalls = [arguments] }, null, null), ChatJson);
            }

            writer.Write(Chunk(index, ChatDelta.Empty, finish, null), ChatJson);
            return;
        }

        writer.Write(Chunk(index, new ChatDelta { Content = message.Content }, finish, logprobs), ChatJson);
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ChatCompletionChunk> ChatJson =>
        OpenAiJsonContext.Default.ChatCompletionChunk;

    private ChatCompletionChunk Chunk(int index, ChatDelta delta, string? finishReason, ChatLogprobs? logprobs) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new ChatChunkChoice { Index = index, Delta = delta, FinishReason = finishReason, Logprobs = logprobs }],
    };
}
