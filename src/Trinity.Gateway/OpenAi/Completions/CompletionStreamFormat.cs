using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Streaming;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>Text-completion chunks: one per text delta (prefixed by the prompt on a choice's first chunk with
/// <c>echo</c>) with its tokens' logprobs when asked, the finish reason on the choice's last chunk, and the usage chunk
/// with <c>include_usage</c>.</summary>
internal sealed class CompletionStreamFormat(
    string id, long created, string model, IReadOnlyList<string> echoes, int promptTokens, bool includeUsage,
    IReadOnlyList<CompletionLogprobsBuilder>? logprobs = null) : IStreamFormat
{
    private readonly bool[] _started = new bool[echoes.Count];
    private int _completionTokens;

    public void Write(SseWriter writer, in SequenceEvent item)
    {
        var output = item.Output;
        _completionTokens += output.Tokens.Length;
        var text = output.Text;
        if (!_started[item.Index] && (text.Length > 0 || output.FinishReason is not null))
        {
            _started[item.Index] = true;
            text = echoes[item.Index] + text;
        }

        if (text.Length == 0 && output.FinishReason is null && output.Logprobs is null)
        {
            return;
        }

        var choice = new CompletionChoice
        {
            Index = item.Index,
            Text = text,
            FinishReason = output.FinishReason is { } reason ? FinishReasons.ToWire(reason) : null,
            Logprobs = logprobs?[item.Index].Add(output.Logprobs),
        };
        writer.Write(new CompletionResponse { Id = id, Created = created, Model = model, Choices = [choice] }, OpenAiJsonContext.Default.CompletionResponse);
    }

    public void WriteEnd(SseWriter writer, TrinityTimings timings)
    {
        if (!includeUsage)
        {
            return;
        }

        writer.Write(
            new CompletionResponse
            {
                Id = id,
                Created = created,
                Model = model,
                Choices = [],
                Usage = new Usage(promptTokens, _completionTokens, promptTokens + _completionTokens),
                Trinity = timings,
            },
            OpenAiJsonContext.Default.CompletionResponse);
    }
}
