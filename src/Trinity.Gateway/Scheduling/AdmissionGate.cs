using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.Scheduling;

/// <summary>
/// The one place requests are admitted. <see cref="Deadlines"/> turns a request into SLO deadlines (policy by
/// name, route, model, default); <see cref="Admit"/> lets a request in only when its TTFT budget can be met at the
/// current load (else 429 with a <c>Retry-After</c> of the predicted excess, rather than accepting it and failing it
/// later); <see cref="AcquireSlotAsync"/> bounds the sequences generating at once, with a bounded first-come
/// first-served queue behind them (429 when the queue is full, 503 after the queue timeout), never an unbounded wait.
/// </summary>
internal sealed class AdmissionGate : IDisposable
{
    public const string PolicyHeader = "x-trinity-slo";

    private readonly SloOptions _slo;
    private readonly GatewayOptions _limits;
    private readonly TimeProvider _time;
    private readonly SloMetrics _metrics;
    private readonly ConcurrencyLimiter _limiter;
    private readonly ConcurrentDictionary<string, TtftEstimator> _estimators = new(StringComparer.Ordinal);

    public AdmissionGate(IOptions<SloOptions> slo, IOptions<GatewayOptions> limits, TimeProvider time, SloMetrics metrics, GatewayMetrics gatewayMetrics)
    {
        _slo = slo.Value;
        _limits = limits.Value;
        _time = time;
        _metrics = metrics;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _limits.MaxRunningSequences,
            QueueLimit = _limits.MaxWaitingSequences,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        gatewayMetrics.ObserveAdmission(() => Running, () => Waiting);
    }

    /// <summary>Sequences holding a slot.</summary>
    public long Running => _limits.MaxRunningSequences - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);

    /// <summary>Sequences waiting for a slot.</summary>
    public long Waiting => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Resolves the request's policy: the one it names (unknown names are a 400), else its route's, its
    /// model's, the default.</summary>
    /// <param name="requested">The policy the client named, or null.</param>
    /// <param name="route">The path the request came in on.</param>
    /// <param name="model">The served model.</param>
    /// <param name="arrival">When the request arrived.</param>
    public SloDeadlines Deadlines(string? requested, string route, string model, DateTimeOffset arrival)
    {
        string name;
        if (!string.IsNullOrEmpty(requested))
        {
            name = _slo.Policies.ContainsKey(requested)
                ? requested
                : throw PipelineErrors.Invalid($"Unknown SLO policy '{requested}' in the {PolicyHeader} header; known: {string.Join(", ", _slo.Policies.Keys)}.", null, "invalid_slo_policy");
        }
        else if (_slo.Routes.TryGetValue(route, out var byRoute))
        {
            name = byRoute;
        }
        else if (_slo.Models.TryGetValue(model, out var byModel))
        {
            name = byModel;
        }
        else
        {
            name = _slo.DefaultPolicy;
        }

        var policy = _slo.Policies[name];
        return new SloDeadlines(name, arrival, arrival.AddMilliseconds(policy.TtftMs), TimeSpan.FromMilliseconds(policy.TpotMs), policy);
    }

    /// <summary>Admits a request that will generate on <paramref name="model"/>, or throws a 429 when its TTFT budget
    /// cannot be met at the current load. Dispose the ticket when the request ends.</summary>
    public SloTicket Admit(SloDeadlines deadlines, string model, int promptTokens)
    {
        var estimator = _estimators.GetOrAdd(model, _ => new TtftEstimator());
        if (_slo.AdmissionControl && estimator.Samples >= _slo.WarmupRequests && estimator.OutstandingTokens > 0)
        {
            var budget = (deadlines.FirstToken - _time.GetUtcNow()).TotalSeconds;
            var predicted = estimator.Predict(promptTokens);
            if (predicted > budget)
            {
                _metrics.Rejected(deadlines.Policy);
                var retry = TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(predicted - budget), 1, 60));
                throw PipelineErrors.RateLimited(
                    $"The current load would put the first token at about {predicted * 1000:0} ms, over the {deadlines.Policy} policy's {deadlines.Objective.TtftMs:0} ms TTFT objective; please retry.",
                    retry);
            }
        }

        return new SloTicket(deadlines, estimator, _metrics, promptTokens, estimator.Admit(promptTokens));
    }

    /// <summary>Waits for an engine slot for one sequence of an admitted request; dispose the lease to give it back.</summary>
    public async ValueTask<RateLimitLease> AcquireSlotAsync(CancellationToken cancellationToken)
    {
        var lease = _limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        using var timeout = new CancellationTokenSource(_limits.QueueTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            lease = await _limiter.AcquireAsync(1, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw PipelineErrors.Overloaded(
                $"No engine slot became free within {_limits.QueueTimeout.TotalSeconds:0.###} s; please retry.",
                _limits.QueueTimeout);
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw PipelineErrors.RateLimited("Too many requests are waiting for an engine slot; please retry.", TimeSpan.FromSeconds(1));
        }

        return lease;
    }

    public void Dispose() => _limiter.Dispose();
}
