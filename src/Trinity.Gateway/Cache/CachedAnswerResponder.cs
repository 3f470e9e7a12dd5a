using Trinity.Contracts;
using Trinity.Gateway.OpenAi.Chat;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.OpenAi.Streaming;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.Cache;

/// <summary>Answers a request from the cache with exactly the shapes of a generated answer: a
/// <c>chat.completion</c>, or (streamed) the role chunk, the content chunk, the finish chunk, the usage chunk when
/// asked for and <c>[DONE]</c>, through the same <see cref="ChatStreamFormat"/> and <see cref="StreamingResponder"/>.
/// Usage counts the prompt's tokens and the cached completion's.</summary>
internal static class CachedAnswerResponder
{
    public static async Task WriteAsync(HttpContext context, CachedAnswer answer, GenerationSettings settings, string id, string model, int promptTokens, TimeProvider time, ILogger logger)
    {
        var timings = RequestTimings.For(context);
        timings.FirstToken();
        timings.Finished();
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        if (settings.Stream)
        {
            var format = new ChatStreamFormat(id, created, model, 1, promptTokens, settings.IncludeUsage);
            await StreamingResponder.RunAsync(context, Events(answer), format, timings, logger).ConfigureAwait(false);
            return;
        }

        var response = new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = model,
            Choices = [new ChatChoice { Index = 0, Message = new ChatMessageOutput("assistant", answer.Text), FinishReason = answer.FinishReason }],
            Usage = new Usage(promptTokens, answer.CompletionTokens, promptTokens + answer.CompletionTokens),
            Trinity = timings.ToWire(),
        };
        await JsonResponseWriter.WriteAsync(context, response, OpenAiJsonContext.Default.ChatCompletionResponse).ConfigureAwait(false);
    }

    /// <summary>The answer as engine outputs: the text (carrying the completion's token count, which is all the
    /// format counts), then the finish on an empty delta, as an engine ends a sequence.</summary>
    private static IAsyncEnumerable<SequenceEvent> Events(CachedAnswer answer)
    {
        var reason = answer.FinishReason == "length" ? FinishReason.Length : FinishReason.Stop;
        SequenceEvent[] events =
        [
            new(0, new GenerationOutput(new int[answer.CompletionTokens], answer.Text)),
            new(0, new GenerationOutput([], string.Empty, reason)),
        ];
        return events.ToAsyncEnumerable();
    }
}
