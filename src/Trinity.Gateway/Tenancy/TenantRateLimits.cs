using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.Tenancy;

/// <summary>
/// The rate limiters of every tenant: one window of requests (acquired by ASP.NET Core's rate-limiting middleware,
/// which partitions by tenant through <see cref="Requests"/>) and one of tokens (reserved by the pipeline once the prompt
/// is tokenised, see <see cref="ReserveTokens"/>). Created on a tenant's first request; the number of tenants is
/// bounded by the configuration.
/// </summary>
internal sealed class TenantRateLimits(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private readonly RateLimitOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, WindowRateLimiter?> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WindowRateLimiter?> _tokens = new(StringComparer.Ordinal);

    /// <summary>The tenant's request limiter; null when its requests are not limited.</summary>
    public WindowRateLimiter? Requests(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return _requests.GetOrAdd(tenant.Name, static (_, state) => state.Self.Create(state.Tenant.RequestsPerMinute ?? state.Self._options.RequestsPerMinute), (Self: this, Tenant: tenant));
    }

    /// <summary>The tenant's token limiter; null when its tokens are not limited.</summary>
    public WindowRateLimiter? Tokens(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return _tokens.GetOrAdd(tenant.Name, static (_, state) => state.Self.Create(state.Tenant.TokensPerMinute ?? state.Self._options.TokensPerMinute), (Self: this, Tenant: tenant));
    }

    /// <summary>Reserves <paramref name="tokens"/> of the tenant's window, or throws the 429 to answer (with the time
    /// until the window resets as <c>Retry-After</c>).</summary>
    public TokenReservation ReserveTokens(Tenant tenant, long tokens)
    {
        if (Tokens(tenant) is not { } limiter)
        {
            return TokenReservation.None;
        }

        var permits = (int)Math.Min(tokens, int.MaxValue);
        var window = limiter.WindowStart;
        using var lease = limiter.AttemptAcquire(permits);
        if (lease.IsAcquired)
        {
            return new TokenReservation(limiter, permits, window);
        }

        lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter);
        var wait = retryAfter > TimeSpan.Zero ? retryAfter : _options.Window;
        var message = permits > limiter.Limit
            ? $"Request too large: it reserves {permits} tokens (prompt + max_tokens) but the limit is {limiter.Limit} tokens per {Describe(_options.Window)}. Reduce max_tokens or the prompt."
            : $"Rate limit reached for tokens: limit {limiter.Limit} per {Describe(_options.Window)}, {limiter.Remaining} left, this request reserves {permits}. Retry after {RateLimitFormat.Duration(wait)}.";
        throw PipelineErrors.RateLimited(message, wait);
    }

    private WindowRateLimiter? Create(int limit) => limit > 0 ? new WindowRateLimiter(limit, _options.Window, time) : null;

    private static string Describe(TimeSpan window) => window == TimeSpan.FromMinutes(1) ? "minute" : RateLimitFormat.Duration(window);
}
