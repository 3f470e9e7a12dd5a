using System.Runtime.CompilerServices;
using System.Text;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.Cache;

/// <summary>What the cache stage decided for one request: answered from the cache, or not (then
/// <see cref="Capture"/> stores the generated answer once it is complete).</summary>
internal sealed class AnswerCacheLookup
{
    /// <summary>Not looked up: nothing to store either.</summary>
    public static readonly AnswerCacheLookup Bypass = new(null, null, answered: false);

    /// <summary>Answered from the cache.</summary>
    public static readonly AnswerCacheLookup Hit = new(null, null, answered: true);

    private readonly AnswerCacheStage? _stage;
    private readonly AnswerCacheQuery? _query;

    private AnswerCacheLookup(AnswerCacheStage? stage, AnswerCacheQuery? query, bool answered)
    {
        _stage = stage;
        _query = query;
        Answered = answered;
    }

    /// <summary>Looked up and not found: the generated answer is to be stored under <paramref name="query"/>.</summary>
    public static AnswerCacheLookup Miss(AnswerCacheStage stage, AnswerCacheQuery query) => new(stage, query, answered: false);

    /// <summary>The response has been written from the cache; the handler has nothing left to do.</summary>
    public bool Answered { get; }

    /// <summary>Passes the generation's events through and, when the sequence finished with <c>stop</c> or
    /// <c>length</c>, stores its text in the background (the response does not wait for the pool's disk).</summary>
    public IAsyncEnumerable<SequenceEvent> Capture(IAsyncEnumerable<SequenceEvent> events) =>
        _stage is null || _query is null ? events : CaptureAsync(events, _stage, _query);

    private static async IAsyncEnumerable<SequenceEvent> CaptureAsync(
        IAsyncEnumerable<SequenceEvent> events, AnswerCacheStage stage, AnswerCacheQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        var tokens = 0;
        string? finish = null;
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            text.Append(item.Output.Text);
            tokens += item.Output.Tokens.Length;
            if (item.Output.FinishReason is { } reason)
            {
                finish = FinishReasons.ToWire(reason);
            }

            yield return item;
        }

        if (finish is "stop" or "length")
        {
            stage.Store(query, new CachedAnswer(text.ToString(), tokens, finish));
        }
    }
}
