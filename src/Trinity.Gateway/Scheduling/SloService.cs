using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Trinity.Gateway.OpenAi.Errors;

namespace Trinity.Gateway.Scheduling;

/// <summary>
/// Turns a request into SLO deadlines (policy by header, route, model, default) and admits it only when its TTFT
/// budget can be met at the current load: a request the estimate says would miss it gets 429 with a
/// <c>Retry-After</c> of the predicted excess, rather than being accepted and failed later.
/// </summary>
internal sealed class SloService(IOptions<SloOptions> options, TimeProvider time, SloMetrics metrics)
{
    public const string PolicyHeader = "x-trinity-slo";

    private readonly SloOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, TtftEstimator> _estimators = new(StringComparer.Ordinal);

    /// <summary>Resolves the request's policy; unknown policy names in the header are a 400.</summary>
    public SloDeadlines Deadlines(HttpContext context, string model)
    {
        ArgumentNullException.ThrowIfNull(context);
        string name;
        if (context.Request.Headers[PolicyHeader].ToString() is { Length: > 0 } requested)
        {
            name = _options.Policies.ContainsKey(requested)
                ? requested
                : throw OpenAiErrors.Invalid($"Unknown SLO policy '{requested}' in the {PolicyHeader} header; known: {string.Join(", ", _options.Policies.Keys)}.", null, "invalid_slo_policy");
        }
        else if (_options.Routes.TryGetValue(context.Request.Path.Value ?? string.Empty, out var byRoute))
        {
            name = byRoute;
        }
        else if (_options.Models.TryGetValue(model, out var byModel))
        {
            name = byModel;
        }
        else
        {
            name = _options.DefaultPolicy;
        }

        var policy = _options.Policies[name];
        var arrival = time.GetUtcNow() - Pipeline.RequestTimings.For(context).Elapsed;
        return new SloDeadlines(name, arrival, arrival.AddMilliseconds(policy.TtftMs), TimeSpan.FromMilliseconds(policy.TpotMs), policy);
    }

    /// <summary>Admits a request that will generate on <paramref name="model"/>, or throws a 429 when its TTFT budget cannot
    /// be met at the current load. Dispose the ticket when the request ends.</summary>
    public SloTicket Admit(SloDeadlines deadlines, string model, int promptTokens)
    {
        var estimator = _estimators.GetOrAdd(model, _ => new TtftEstimator());
        if (_options.AdmissionControl && estimator.Samples >= _options.WarmupRequests && estimator.OutstandingTokens > 0)
        {
            var budget = (deadlines.FirstToken - time.GetUtcNow()).TotalSeconds;
            var predicted = estimator.Predict(promptTokens);
            if (predicted > budget)
            {
                metrics.Rejected(deadlines.Policy);
                var retry = TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(predicted - budget), 1, 60));
                throw OpenAiErrors.Overloaded(
                    StatusCodes.Status429TooManyRequests,
                    $"The current load would put the first token at about {predicted * 1000:0} ms, over the {deadlines.Policy} policy's {deadlines.Objective.TtftMs:0} ms TTFT objective; please retry.",
                    retry);
            }
        }

        return new SloTicket(deadlines, estimator, metrics, promptTokens, estimator.Admit(promptTokens));
    }
}
