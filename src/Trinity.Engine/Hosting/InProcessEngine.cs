using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Trinity.Engine.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Model;
using Trinity.Engine.Model.Tokenization;

namespace Trinity.Engine.Hosting;

/// <summary>
/// An engine in this process: one decoder session and its step loop, doing both prefill and decode.
/// The all-in-one gateway uses it directly; the prefill and decode roles wrap it in their HTTP APIs.
/// </summary>
public sealed class InProcessEngine : IGenerationEngine, IDisposable
{
    private readonly DecoderSession _session;
    private readonly EngineLoop _loop;

    public InProcessEngine(ModelFolder model, EngineOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Model = model;
        _session = DecoderSession.Open(model.Directory, model.Config, options.IntraOpThreads);
        _loop = new EngineLoop(_session, options, logger);
    }

    public ModelFolder Model { get; }

    public ITokenizer Tokenizer => Model.Tokenizer;

    /// <summary>Sequences being prefilled or decoded.</summary>
    public int Running => _loop.Running;

    /// <summary>Sequences waiting for admission.</summary>
    public int Waiting => _loop.Waiting;

    /// <summary>Rows of the decode batch at the last step.</summary>
    public int BatchSize => _loop.BatchSize;

    /// <summary>Bytes of KV cache held by running sequences.</summary>
    public long KvBytes => _loop.KvBytes;

    /// <inheritdoc />
    public async IAsyncEnumerable<GenerationOutput> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        GenerationRequestValidator.Validate(request, Model.Config.VocabSize, Model.Config.ContextLength);
        var seed = request.Sampling.Seed ?? (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) << 20 ^ (ulong)Environment.TickCount64;
        var sequence = new Sequence(request, Model.Tokenizer, Model.Config, seed) { EnqueuedAt = DateTimeOffset.UtcNow };
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
        try
        {
            await foreach (var output in sequence.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
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

    public void Dispose()
    {
        _loop.Dispose();
        _session.Dispose();
    }
}
