using System.Threading.Channels;
using Trinity.Contracts;
using Trinity.Engine.Model;
using Trinity.Engine.Sampling;
using Trinity.Grammar.Matching;
using Trinity.Tokenization;

namespace Trinity.Engine.Decode;

/// <summary>
/// One request's state inside an engine: its tokens, its own KV cache while it is prefilled (or after it was
/// imported), its sampler, detokenizer and stop-string matcher, its grammar matcher when the output is constrained, and
/// the channel its outputs go to. Only the engine loop thread touches it, except <see cref="Cancel"/>.
/// </summary>
internal sealed class Sequence : Scheduling.IScheduledSequence
{
    private readonly IStreamingDecoder _detokenizer;
    private readonly StopStringMatcher _stops;
    private const int RecentChars = 400;
    private readonly HashSet<int> _eos;
    private readonly System.Text.StringBuilder _recent = new();
    private readonly GrammarMatcher? _matcher;
    private readonly uint[] _allowed;
    private readonly LogprobCalculator? _logprobs;
    private TokenLogprob? _pendingLogprob;
    private int _cancelled;

    /// <param name="request">What to generate.</param>
    /// <param name="tokenizer">The model's tokenizer (detokenization).</param>
    /// <param name="config">The model's limits and EOS ids.</param>
    /// <param name="seed">Seed of the sequence's sampler.</param>
    /// <param name="matcher">A fresh matcher of the request's constraint, or null for free generation.</param>
    public Sequence(GenerationRequest request, ITokenizer tokenizer, ModelConfig config, ulong seed, GrammarMatcher? matcher = null)
    {
        _matcher = matcher;
        _allowed = matcher is null ? [] : new uint[(config.VocabSize + 31) / 32];
        _logprobs = request.Logprobs is null ? null : new LogprobCalculator(config.VocabSize);
        Request = request;
        Prompt = [.. request.PromptTokens];
        Feed = Prompt;
        if (request.Retrieval is { } retrieval)
        {
            SeenChunks.UnionWith(retrieval.SeenChunks);
        }
        Sampler = new Sampler(request.Sampling, config.VocabSize, seed, constrained: matcher is not null);
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

    /// <summary>The first token's logprobs (when asked for), handed to the decode engine with the prefilled cache.</summary>
    public TokenLogprob? FirstLogprob { get; private set; }

    /// <summary>Whether a grammar constrains the output.</summary>
    public bool IsConstrained => _matcher is not null;

    /// <summary>Chooses the next token from this sequence's row of logits — within the grammar's allowed tokens when
    /// constrained — records its logprobs when asked, and accepts it (see <see cref="Accept"/>). A grammar that allows
    /// nothing more ends the sequence with <c>stop</c>. Returns true while the sequence goes on.</summary>
    public bool SampleAndAccept(ReadOnlySpan<float> logits)
    {
        ReadOnlySpan<uint> allowed = default;
        if (_matcher is not null)
        {
            _matcher.FillNextTokenMask(_allowed);
            if (_allowed.AsSpan().IndexOfAnyExcept(0u) < 0)
            {
                Finish(FinishReason.Stop, [], _stops.Push(_detokenizer.Flush()) + _stops.Flush());
                return false;
            }

            allowed = _allowed;
        }

        var token = Sampler.Next(logits, allowed);
        if (_logprobs is not null)
        {
            _pendingLogprob = _logprobs.Compute(logits, token, Request.Logprobs ?? 0);
        }

        return Accept(token);
    }

    /// <summary>Records a sampled token (or, on a decode engine, the token a prefill engine sampled): advances the
    /// grammar, emits its text, and finishes on EOS, a completed grammar, a stop string, max tokens or the context
    /// length. Returns true while the sequence goes on.</summary>
    public bool Accept(int token, TokenLogprob? replayedLogprob = null)
    {
        _pendingLogprob ??= replayedLogprob;
        Generated.Add(token);
        PendingToken = token;
        Sampler.Observe([token]);
        TokenLogprob[]? logprobs = _pendingLogprob is { } lp ? [lp] : null;
        if (Generated.Count == 1)
        {
            FirstLogprob = _pendingLogprob;
        }

        _pendingLogprob = null;
        if (_matcher is not null && !_matcher.Accept(token))
        {
            // Only a token from elsewhere (a prefill engine without the grammar) can be refused.
            Finish(FinishReason.Error, [], string.Empty);
            return false;
        }

        if (_eos.Contains(token))
        {
            Finish(FinishReason.Stop, [token], _stops.Push(_detokenizer.Flush()) + _stops.Flush(), logprobs);
            return false;
        }

        var text = _stops.Push(_detokenizer.Push(token));
        if (_stops.Stopped)
        {
            Finish(FinishReason.Stop, [token], text, logprobs);
            return false;
        }

        if (_matcher is { IsCompleted: true } or { IsTerminated: true })
        {
            // The value is complete and only EOS could follow: end now rather than spend a step on it.
            Finish(FinishReason.Stop, [token], text + _stops.Push(_detokenizer.Flush()) + _stops.Flush(), logprobs);
            return false;
        }

        if (Generated.Count >= Request.MaxTokens || CachedTokens + 1 >= MaxLength)
        {
            Finish(FinishReason.Length, [token], text + _stops.Push(_detokenizer.Flush()) + _stops.Flush(), logprobs);
            return false;
        }

        AppendRecent(text);
        Output.Writer.TryWrite(new GenerationOutput([token], text, null, logprobs));
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

    /// <summary>Ends the sequence without a new token (cancellation, engine error), or with its last token.</summary>
    public void Finish(FinishReason reason, int[] tokens, string text, TokenLogprob[]? logprobs = null)
    {
        if (Finished is not null)
        {
            return;
        }

        Finished = reason;
        Output.Writer.TryWrite(new GenerationOutput(tokens, text, reason, logprobs));
        Output.Writer.TryComplete();
    }

    /// <summary>Frees the sequence's own cache, if any.</summary>
    public void ReleaseKv()
    {
        OwnKv?.Dispose();
        OwnKv = null;
    }
}
