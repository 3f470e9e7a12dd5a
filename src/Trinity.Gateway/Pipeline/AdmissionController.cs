using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Trinity.Gateway.OpenAi.Errors;

namespace Trinity.Gateway.Pipeline;

/// <summary>Bounds the sequences generating at once, with a bounded first-come first-served queue behind them:
/// back-pressure is explicit (429 when the queue is full, 503 after the queue timeout), never an unbounded wait.</summary>
internal sealed class AdmissionController : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;

    public AdmissionController(IOptions<GatewayOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxRunningSequences,
            QueueLimit = _options.MaxWaitingSequences,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Sequences holding a slot.</summary>
    public long Running => _options.MaxRunningSequences - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);

    /// <summary>Sequences waiting for a slot.</summary>
    public long Waiting => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Waits for a slot for one sequence; dispose the lease to give it back.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        var lease = _limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        using var timeout = new CancellationTokenSource(_options.QueueTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            lease = await _limiter.AcquireAsync(1, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw OpenAiErrors.Overloaded(
                StatusCodes.Status503ServiceUnavailable,
                $"No engine slot became free within {_options.QueueTimeout.TotalSeconds:0.###} s; please retry.",
                _options.QueueTimeout);
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw OpenAiErrors.Overloaded(
                StatusCodes.Status429TooManyRequests,
                "Too many requests are waiting for an engine slot; please retry.",
                TimeSpan.FromSeconds(1));
        }

        return lease;
    }

    public void Dispose() => _limiter.Dispose();
}
