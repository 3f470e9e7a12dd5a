using Microsoft.Extensions.Logging;
using Trinity.Contracts;
using Trinity.Engine.Diagnostics;
using Trinity.Engine.Hosting;
using Trinity.Engine.KvTransfer;

namespace Trinity.Engine.Decode;

/// <summary>
/// The decode side of a hand-over, the same in every mode: fetch the prompt's cache through the worker side of a
/// connector and continue the sequence on it; when the cache cannot be had or used, count the reason
/// (<c>trinity_engine_kv_transfer_failures_total{reason}</c>), log it and recompute the prompt here instead, so a
/// broken hand-over never hangs or corrupts a request.
/// </summary>
internal sealed partial class KvContinuation(InProcessEngine engine, IKvConnectorWorker connector, EngineMetrics? metrics, ILogger logger)
{
    /// <summary>The sequence's outputs, the first one being <paramref name="firstToken"/>'s.</summary>
    public async ValueTask<IAsyncEnumerable<GenerationOutput>> ContinueAsync(GenerationRequest request, KvHandle handle, int firstToken, CancellationToken cancellationToken, TokenLogprob? firstLogprob = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetched = await connector.FetchAsync(handle, cancellationToken).ConfigureAwait(false);
        KvFailure reason;
        string detail;
        if (fetched.Kv is { } kv)
        {
            try
            {
                var outputs = engine.ContinueAsync(request, firstToken, kv, cancellationToken, firstLogprob);
                metrics?.Transferred(fetched.Bytes, fetched.Duration);
                return outputs;
            }
            catch (KvFormatException ex)
            {
                (reason, detail) = (ex.Reason, ex.Message);
            }
        }
        else
        {
            (reason, detail) = (fetched.Failure, fetched.Detail ?? "no detail");
        }

        return Recompute(request, reason, detail, cancellationToken);
    }

    /// <summary>Counts and logs a failed hand-over, and computes the prompt on the decode engine instead.</summary>
    public IAsyncEnumerable<GenerationOutput> Recompute(GenerationRequest request, KvFailure reason, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogRecompute(logger, request.RequestId, reason, detail);
        metrics?.TransferFailed(reason);
        return engine.GenerateAsync(request, cancellationToken);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Request {RequestId}: KV hand-over failed ({Reason}: {Detail}); recomputing the prompt on the decode engine")]
    private static partial void LogRecompute(ILogger logger, string requestId, KvFailure reason, string detail);
}
