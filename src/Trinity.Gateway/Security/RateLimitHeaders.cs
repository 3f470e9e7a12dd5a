using System.Globalization;
using Trinity.Gateway.Tenancy;

namespace Trinity.Gateway.Security;

/// <summary>OpenAI's rate-limit headers: <c>x-ratelimit-limit-requests</c>, <c>x-ratelimit-remaining-requests</c>,
/// <c>x-ratelimit-reset-requests</c> and the same for <c>-tokens</c>, for each limit the tenant has.</summary>
internal static class RateLimitHeaders
{
    public static void Write(IHeaderDictionary headers, TenantRateLimits limits, Tenant tenant)
    {
        Write(headers, "requests", limits.Requests(tenant));
        Write(headers, "tokens", limits.Tokens(tenant));
    }

    private static void Write(IHeaderDictionary headers, string kind, WindowRateLimiter? limiter)
    {
        if (limiter is null)
        {
            return;
        }

        headers["x-ratelimit-limit-" + kind] = limiter.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-" + kind] = limiter.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-" + kind] = RateLimitFormat.Duration(limiter.ResetAfter);
    }
}
