using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.KvTransfer;
using Trinity.Engine.Model;
using Trinity.Tokenization;

namespace Trinity.Engine.Hosting;

/// <summary>
/// An engine in this process: one decoder session and its step loop, doing both prefill and decode.
/// The all-in-one gateway uses it directly; the prefill and decode roles wrap it in their HTTP APIs.
/// </summary>
public sealed class InProcessEngine : IGenerationEngine, IDisposable
{
    private readonly DecoderSession _session;
    private readonly EngineLoop _loop;
    private readonly EngineOptions _options;

    /// <param name="model">The model to serve.</param>
    /// <param name="options">Engine settings.</param>
    /// <param name="logger">Engine log.</param>
    /// <param name="pool">The vector pool for retrieval during decode (interval mode); without it such requests generate without retrieval.</param>
    /// <param name="metrics">Instruments to record into.</param>
    /// <param name="time">The clock of deadlines and waits (the system clock unless a test drives virtual time).</param>
    public InProcessEngine(ModelFolder model, EngineOptions options, ILogger? logger = null, Trinity.VectorGpu.Client.IVectorPool? pool = null, Diagnostics.EngineMetrics? metrics = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Model = model;
        _options = options;
        ExecutionProviders.UseLogger(logger);
        _session = DecoderSession.Open(model.Directory, model.Config, options.IntraOpThreads);
        _loop = new EngineLoop(_session, options, logger, model.Tokenizer, pool, metrics, time);
        Grammars = new Sampling.GrammarConstraints(model.Tokenizer, model.Config);
    }

    /// <summary>The model's vocabulary for grammars and its cache of compiled constraints.</summary>
    internal Sampling.GrammarConstraints Grammars { get; }

    public ModelFolder Model { get; }

    public ITokenizer Tokenizer => Model.Tokenizer;

    /// <summary>How the model's graph keeps its KV cache (decides padding and the KV blob's layout byte).</summary>
    public KvLayout Layout => _session.Layout;

    /// <summary>Sequences being prefilled or decoded.</summary>
    public int Running => _loop.Running;

    /// <summary>Sequences waiting for admission.</summary>
    public int Waiting => _loop.Waiting;

    /// <summary>Rows of the decode batch at the last step.</summary>
    public int BatchSize => _loop.BatchSize;

    /// <summary>Whether a new request would be queued rather than refused.</summary>
    public bool HasCapacity => _loop.Waiting < _options.MaxQueuedRequests;

    /// <summary>Bytes of KV cache held by running sequences.</summary>
    public long KvBytes => _loop.KvBytes;

    /// <inheritdoc />
    public IAsyncEnumerable<GenerationOutput> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        GenerationRequestValidator.Validate(request, Model.Config.VocabSize, Model.Config.ContextLength);
        var sequence = new Sequence(request, Model.Tokenizer, Model.Config, SeedOf(request), Grammars.CreateMatcher(request.Constraint)) { EnqueuedAt = DateTimeOffset.UtcNow };
        return Submit(sequence, cancellationToken);
    }

    /// <summary>Prefill only: runs the prompt, samples the first token, and exports the KV cache as a frame.</summary>
    public async Task<PrefillResult> PrefillAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var prefilled = await PrefillKvAsync(request, cancellationToken).ConfigureAwait(false);
        using var kv = prefilled.Kv;
        return new PrefillResult(prefilled.FirstToken, KvCacheBlob.Export(kv, 0, 0, kv.Length, Model.Config, Model.Fingerprint, _session.Layout));
    }

    /// <summary>Prefill only (the prefill side of a hand-over): runs the prompt, samples the first token, and gives
    /// the prompt's cache to the caller, who owns it from then on.</summary>
    internal async Task<PrefilledKv> PrefillKvAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        GenerationRequestValidator.Validate(request, Model.Config.VocabSize, Model.Config.ContextLength);
        var result = new TaskCompletionSource<PrefilledKv>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sequence = new Sequence(request, Model.Tokenizer, Model.Config, SeedOf(request), Grammars.CreateMatcher(request.Constraint)) { EnqueuedAt = DateTimeOffset.UtcNow, Prefilled = result };
        if (!_loop.TrySubmit(sequence))
        {
            throw new EngineOverloadedException();
        }

        using var registration = cancellationToken.Register(static state =>
        {
            var (s, loop) = ((Sequence, EngineLoop))state!;
            s.Cancel();
            loop.Wake();
        }, (sequence, _loop));
        return await result.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Continues a sequence whose prompt another engine prefilled: imports the KV frame, emits the first token as the
    /// first output and decodes on in the batch. Throws <see cref="KvFormatException"/> when the frame is corrupt or
    /// from another model; the caller then falls back to <see cref="GenerateAsync"/>.
    /// </summary>
    public IAsyncEnumerable<GenerationOutput> ContinueAsync(GenerationRequest request, PrefillResult prefill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefill);
        GenerationRequestValidator.Validate(request, Model.Config.VocabSize, Model.Config.ContextLength);
        return ContinueAsync(request, prefill.FirstToken, KvCacheBlob.Import(prefill.KvBlob, Model.Config, Model.Fingerprint, _session.Layout), cancellationToken);
    }

    /// <summary>Continues a sequence from a prefilled cache (the decode side of a hand-over), taking ownership of
    /// <paramref name="kv"/>. Throws <see cref="KvFormatException"/> (the cache disposed) when the cache or the first
    /// token does not fit the request.</summary>
    internal IAsyncEnumerable<GenerationOutput> ContinueAsync(GenerationRequest request, int firstToken, KvCache kv, CancellationToken cancellationToken, TokenLogprob? firstLogprob = null)
    {
        ArgumentNullException.ThrowIfNull(kv);
        if ((uint)firstToken >= (uint)Model.Config.VocabSize)
        {
            kv.Dispose();
            throw new KvFormatException($"first token {firstToken} is outside the vocabulary", KvFailure.Format);
        }

        if (kv.Length != request.PromptTokens.Count)
        {
            kv.Dispose();
            throw new KvFormatException($"KV cache holds {kv.Length} positions for a prompt of {request.PromptTokens.Count} tokens", KvFailure.Layout);
        }

        var sequence = new Sequence(request, Model.Tokenizer, Model.Config, SeedOf(request), Grammars.CreateMatcher(request.Constraint)) { EnqueuedAt = DateTimeOffset.UtcNow };
        sequence.OwnKv = kv;
        sequence.CachedTokens = kv.Length;
        sequence.FeedDone = kv.Length;
        sequence.Sampler.SkipDraw();
        if (!sequence.Accept(firstToken, firstLogprob))
        {
            sequence.ReleaseKv();
            return sequence.Output.Reader.ReadAllAsync(cancellationToken);
        }

        return Submit(sequence, cancellationToken);
    }

    private async IAsyncEnumerable<GenerationOutput> Submit(Sequence sequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_loop.TrySubmit(sequence))
        {
            sequence.ReleaseKv();
            throw new EngineOverloadedException();
        }

        using var registration = cancellationToken.Register(static state =>
        {
            var (s, loop) = ((Sequence, EngineLoop))state!;
            s.Cancel();
            loop.Wake();
        }, (sequence, _loop));
        try
        {
            await foreach (var output in sequence.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Outputs already buffered must not outlive a cancellation.
                cancellationToken.ThrowIfCancellationRequested();
                yield return output;
                if (output.FinishReason is not null)
                {
                    yield break;
                }
            }
        }
        finally
        {
            // The consumer stopped early (disconnect, error, break): free the slot at the next step.
            if (sequence.Finished is null)
            {
                sequence.Cancel();
                _loop.Wake();
            }
        }
    }

    private static ulong SeedOf(GenerationRequest request) =>
        request.Sampling.Seed ?? ((ulong)RandomNumberGenerator.GetInt32(int.MaxValue) << 20) ^ (ulong)Environment.TickCount64;

    public void Dispose()
    {
        _loop.Dispose();
        _session.Dispose();
    }
}
