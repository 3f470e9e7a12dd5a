using System.Net;
using Trinity.Common.Time;
using Trinity.Tests.Gateway.Fakes;
using static Trinity.Tests.Gateway.Cache.CacheGateway;
using static Trinity.Tests.Gateway.Security.TenantRequests;

namespace Trinity.Tests.Gateway.Security;

/// <summary>Per-tenant rate limits through the real gateway on virtual time: 429 with <c>Retry-After</c> and OpenAI's
/// <c>x-ratelimit-*</c> headers once a tenant's window is spent, other tenants unaffected, and service again when the
/// window has passed.</summary>
public sealed class RateLimitTests
{
    private const string KeyA = "sk-limited-a";
    private const string KeyB = "sk-limited-b";

    private static Task<GatewayHost> StartLimitedAsync(ManualTimeProvider time, IDictionary<string, string?> limits)
    {
        var settings = new Dictionary<string, string?>(limits)
        {
            ["Trinity:Auth:ApiKeys:0"] = KeyA,
            ["Trinity:Auth:ApiKeys:1"] = KeyB,
        };
        return GatewayHost.StartAsync(settings, new FakeEngine { StepDelay = TimeSpan.Zero }, time);
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.TryGetValues(name, out var values) ? values.Single() : "(none)";

    [Fact]
    public async Task Requests_OverTheLimit_429WithHeadersAndRecoverAfterTheWindow()
    {
        var time = new ManualTimeProvider();
        await using var host = await StartLimitedAsync(time, new Dictionary<string, string?> { ["Trinity:RateLimits:RequestsPerMinute"] = "2" });

        var (first, _) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/models");
        time.Advance(TimeSpan.FromSeconds(15));
        var (second, _) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/models");
        var (refused, refusedBody) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/models");
        var (otherTenant, _) = await SendAsync(host, KeyB, HttpMethod.Get, "/v1/models");
        time.Advance(TimeSpan.FromSeconds(45));
        var (recovered, _) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/models");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", Header(first, "x-ratelimit-limit-requests"));
        Assert.Equal("1", Header(first, "x-ratelimit-remaining-requests"));
        Assert.Equal("1m0s", Header(first, "x-ratelimit-reset-requests"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("0", Header(second, "x-ratelimit-remaining-requests"));
        Assert.Equal("45s", Header(second, "x-ratelimit-reset-requests"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("45", Header(refused, "Retry-After"));
        Assert.Equal("0", Header(refused, "x-ratelimit-remaining-requests"));
        Assert.Equal("45s", Header(refused, "x-ratelimit-reset-requests"));
        Assert.Equal("rate_limit_exceeded", refusedBody.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("rate_limit_error", refusedBody.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
        Assert.Equal("1", Header(otherTenant, "x-ratelimit-remaining-requests"));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal("1", Header(recovered, "x-ratelimit-remaining-requests"));
    }

    [Fact]
    public async Task Tokens_ReservedThenCorrected_429WhenTheReservationDoesNotFit()
    {
        var time = new ManualTimeProvider();
        await using var host = await StartLimitedAsync(time, new Dictionary<string, string?> { ["Trinity:RateLimits:TokensPerMinute"] = "100" });

        var (first, firstBody) = await PostAsync(host, KeyA, ChatPath, Chat("Hi", extra: ""","max_tokens":40""").Replace("\"max_tokens\":8,", string.Empty, StringComparison.Ordinal));
        var used = firstBody.GetProperty("usage").GetProperty("total_tokens").GetInt32();
        var (after, _) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/models");
        var (tooMuch, tooMuchBody) = await PostAsync(host, KeyA, ChatPath, Chat("Hi", extra: $$""","max_tokens":{{100 - used}}""").Replace("\"max_tokens\":8,", string.Empty, StringComparison.Ordinal));
        var (tooLarge, tooLargeBody) = await PostAsync(host, KeyB, ChatPath, Chat("Hi", extra: ""","max_tokens":200""").Replace("\"max_tokens\":8,", string.Empty, StringComparison.Ordinal));
        time.Advance(TimeSpan.FromMinutes(1));
        var (recovered, _) = await PostAsync(host, KeyA, ChatPath, Chat("Hi", extra: ""","max_tokens":40""").Replace("\"max_tokens\":8,", string.Empty, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.InRange(used, 2, 60);
        Assert.Equal("100", Header(after, "x-ratelimit-limit-tokens"));
        Assert.Equal((100 - used).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(after, "x-ratelimit-remaining-tokens"));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMuch.StatusCode);
        Assert.Equal("60", Header(tooMuch, "Retry-After"));
        Assert.Contains("tokens", tooMuchBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooLarge.StatusCode);
        Assert.StartsWith("Request too large", tooLargeBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task Embeddings_CountAgainstTheTokenWindow_429OnceSpentAndOtherTenantsUnaffected()
    {
        var time = new ManualTimeProvider();
        await using var host = await StartLimitedAsync(time, new Dictionary<string, string?> { ["Trinity:RateLimits:TokensPerMinute"] = "60" });
        const string Body = """{"model":"trinity-hash-embed","input":["the quick brown fox jumps over the lazy dog","a second sentence of a few words"]}""";

        var (first, firstBody) = await PostAsync(host, KeyA, "/v1/embeddings", Body);
        var used = firstBody.GetProperty("usage").GetProperty("total_tokens").GetInt32();
        var (after, _) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/models");
        HttpResponseMessage last = first;
        for (var i = 0; i < 60 / used && last.StatusCode == HttpStatusCode.OK; i++)
        {
            (last, _) = await PostAsync(host, KeyA, "/v1/embeddings", Body);
        }

        var (other, _) = await PostAsync(host, KeyB, "/v1/embeddings", Body);
        time.Advance(TimeSpan.FromMinutes(1));
        var (recovered, _) = await PostAsync(host, KeyA, "/v1/embeddings", Body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.InRange(used, 4, 30);
        Assert.Equal((60 - used).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(after, "x-ratelimit-remaining-tokens"));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }
}
