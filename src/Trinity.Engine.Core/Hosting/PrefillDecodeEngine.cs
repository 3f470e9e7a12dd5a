using System.Runtime.CompilerServices;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.KvTransfer;

namespace Trinity.Engine.Hosting;

/// <summary>
/// Generation as the distributed mode does it, inside one process: the prompt runs on the prefill engine, its cache
/// is published through the scheduler side of a KV connector, and the decode engine fetches it through the worker
/// side and continues the sequence (recomputing the prompt when the hand-over fails). The all-in-one gateway serves
/// through it with one engine in both roles and the in-memory connector, so the cache is handed over by reference.
/// </summary>
public sealed class PrefillDecodeEngine : IGenerationEngine
{
    private readonly InProcessEngine _prefill;
    private readonly IKvConnectorScheduler _connector;
    private readonly KvContinuation _decode;

    internal PrefillDecodeEngine(InProcessEngine prefill, IKvConnectorScheduler connector, KvContinuation decode)
    {
        _prefill = prefill;
        _connector = connector;
        _decode = decode;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<GenerationOutput> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        // Bad input fails at the call, as the in-process engine's does, not at the first MoveNext.
        GenerationRequestValidator.Validate(request, _prefill.Model.Config.VocabSize, _prefill.Model.Config.ContextLength);
        return GenerateCoreAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<GenerationOutput> GenerateCoreAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefilled = await _prefill.PrefillKvAsync(request, cancellationToken).ConfigureAwait(false);
        IAsyncEnumerable<GenerationOutput> outputs;
        if (_connector.Publish(prefilled.Kv) is { } handle)
        {
            try
            {
                outputs = await _decode.ContinueAsync(request, handle, prefilled.FirstToken, cancellationToken, prefilled.FirstLogprob).ConfigureAwait(false);
            }
            finally
            {
                // A no-op once fetched; frees the cache when the caller went away during the hand-over.
                _connector.Release(handle);
            }
        }
        else
        {
            outputs = _decode.Recompute(request, KvFailure.Expired, "the connector refused to hold the prompt's KV cache", cancellationToken);
        }

        await foreach (var output in outputs.ConfigureAwait(false))
        {
            yield return output;
        }
    }
}
