using System.Threading.Channels;
using Trinity.Contracts;
using Trinity.Engine.Model;
using Trinity.Engine.Sampling;
using Trinity.Tokenization;

namespace Trinity.Engine.Decode;

/// <summary>
/// One request's state inside an engine: its tokens, its own KV cache while it is prefilled (or after it was
/// imported), its sampler, detokenizer and stop-string matcher, and the channel its outputs go to.
/// Only the engine loop thread touches it, except <see cref="Cancel"/>.
/// </summary>
internal sealed class Sequence : Scheduling.IScheduledSequence
{
    private readonly IStreamingDecoder _detokenizer;
    private readonly StopStringMatcher _stops;
    private const int RecentChars = 400;
    private readonly HashSet<int> _eos;
    private readonly System.Text.StringBuilder _recent = new();
    private int _cancelled;

    public Sequence(GenerationRequest request, ITokenizer tokenizer, ModelConfig config, ulong seed)
    {
        Request = request;
        Prompt = [.. request.PromptTokens];
        Feed = Prompt;
        if (request.Retrieval is { } retrieval)
        {
            SeenChunks.UnionWith(retrieval.SeenChunks);
        }
        Sampler = new Sampler(request.Sampling, config.VocabSize, seed);
        Sampler.Observe(Prompt);
        _detokenizer = tokenizer.CreateStreamingDecoder();
        _stops = new StopStringMatcher(request.Stop);
        _eos = request.IgnoreEos ? [] : [.. config.EosTokenIds];
        MaxLength = config.ContextLength;
        Output = Channel.CreateBounded<GenerationOutput>(new BoundedChannelOptions(request.MaxTokens + 2)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public GenerationRequest Request { get; }

    public string Id => Request.RequestId;

    public int[] Prompt { get; }

    public Sampler Sampler { get; }

    public List<int> Generated { get; } = [];

    /// <summary>Tokens whose keys and values are in the cache.</summary>
    public int CachedTokens { get; set; }

    /// <summary>Tokens to run through the model before the next token is sampled: the prompt at first; after a
    /// retrieval during decode, the pending token followed by the retrieved context.</summary>
    public int[] Feed { get; private set; }

    /// <summary>How many of <see cref="Feed"/> are in the cache.</summary>
    public int FeedDone { get; set; }

    /// <summary>Whether the feed is fully in the cache (the sequence is ready to decode).</summary>
    public bool FeedComplete => FeedDone == Feed.Length;

    /// <inheritdoc />
    public int FeedRemaining => Feed.Length - FeedDone;

    /// <inheritdoc />
    public int KvTokensNeeded => Prompt.Length + Request.MaxTokens + InjectedTokens;

    /// <inheritdoc />
    public bool IsDone => Finished is not null || IsCancelled;

    /// <inheritdoc />
    public bool AwaitingRetrieval => Retrieval is not null;

    /// <summary>Context tokens appended by retrieval during decode (beyond prompt and generated tokens).</summary>
    public int InjectedTokens { get; private set; }

    /// <summary>Retrieval during decode in flight for this sequence (it waits outside the batch).</summary>
    public DecodeRetrievalCall? Retrieval { get; set; }

    /// <summary>Chunk ids already in the sequence (from the prompt or earlier retrievals).</summary>
    public HashSet<string> SeenChunks { get; } = [];

    /// <summary>This sequence's own cache (batch 1) while it is prefilled or waits to join the decode batch.</summary>
    public KvCache? OwnKv { get; set; }

    /// <summary>The last sampled token, not yet fed to the model.</summary>
    public int PendingToken { get; set; } = -1;

    public int MaxLength { get; }

    public FinishReason? Finished { get; private set; }

    public bool IsCancelled => Volatile.Read(ref _cancelled) != 0;

    public Channel<GenerationOutput> Output { get; }

    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Prefill only: after the prompt, the cache is handed to <see cref="Prefilled"/> instead of decoding on.</summary>
    public TaskCompletionSource<PrefilledKv>? Prefilled { get; init; }

    /// <summary>Requested from any thread; the loop frees the sequence at its next step boundary.</summary>
    public void Cancel() => Interlocked.Exchange(ref _cancelled, 1);

    /// <summary>Records a sampled token: emits its text, and finishes on EOS, a stop string, max tokens or the
    /// context length. Returns true while the sequence goes on.</summary>
    public bool Accept(int token)
    {
        Generated.Add(token);
        PendingToken = token;
        Sampler.Observe([token]);
        if (_eos.Contains(token))
        {
            Finish(FinishReason.Stop, [token], _stops.Push(_detokenizer.Flush()) + _stops.Flush());
            return false;
        }

        var text = _stops.Push(_detokenizer.Push(token));
        if (_stops.Stopped)
        {
            Finish(FinishReason.Stop, [token], text);
            return false;
        }

        if (Generated.Count >= Request.MaxTokens || CachedTokens + 1 >= MaxLength)
        {
            Finish(FinishReason.Length, [token], text + _stops.Push(_detokenizer.Flush()) + _stops.Flush());
            return false;
        }

        AppendRecent(text);
        Output.Writer.TryWrite(new GenerationOutput([token], text));
        return true;
    }

    /// <summary>Whether the sequence has just reached a retrieval point of its interval retrieval.</summary>
    public bool DueForRetrieval =>
        Request.Retrieval is { } r && Finished is null && !IsCancelled && Retrieval is null
        && Generated.Count > 0 && Generated.Count % Math.Max(1, r.IntervalTokens) == 0;

    /// <summary>Text generated since the last retrieval (bounded), what the next search is about besides the question.</summary>
    public string TakeRecentText()
    {
        var text = _recent.ToString();
        _recent.Clear();
        return text;
    }

    /// <summary>Queues retrieved context: the pending token and then <paramref name="context"/> are prefilled before the next sample.</summary>
    public void Inject(int[] context)
    {
        Feed = [PendingToken, .. context];
        Sampler.Observe(context);
        FeedDone = 0;
        InjectedTokens += context.Length;
    }

    private void AppendRecent(string text)
    {
        _recent.Append(text);
        if (_recent.Length > 2 * RecentChars)
        {
            _recent.Remove(0, _recent.Length - RecentChars);
        }
    }

    /// <summary>Ends the sequence without a new token (cancellation, engine error).</summary>
    public void Finish(FinishReason reason, int[] tokens, string text)
    {
        if (Finished is not null)
        {
            return;
        }

        Finished = reason;
        Output.Writer.TryWrite(new GenerationOutput(tokens, text, reason));
        Output.Writer.TryComplete();
    }

    /// <summary>Frees the sequence's own cache, if any.</summary>
    public void ReleaseKv()
    {
        OwnKv?.Dispose();
        OwnKv = null;
    }
}
