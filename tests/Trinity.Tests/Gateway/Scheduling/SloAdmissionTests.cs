using System.Net;
using Microsoft.Extensions.Options;
using Trinity.Tests.Gateway.Fakes;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Scheduling;

/// <summary>SLO policies, admission control and attainment metrics on the real gateway with a fake engine.</summary>
public sealed class SloAdmissionTests
{
    private static readonly Dictionary<string, string?> Tight = new()
    {
        ["Trinity:Slo:Policies:default:TtftMs"] = "50",
        ["Trinity:Slo:Policies:default:TpotMs"] = "1000",
        ["Trinity:Slo:Policies:relaxed:TtftMs"] = "60000",
        ["Trinity:Slo:Policies:relaxed:TpotMs"] = "60000",
        ["Trinity:Slo:WarmupRequests"] = "3",
    };

    private static string Chat(int maxTokens = 4) =>
        $$"""{"model":"{{GatewayHost.ModelName}}","messages":[{"role":"user","content":"hello there"}],"max_tokens":{{maxTokens}}}""";

    [Fact]
    public async Task Admission_BudgetCannotBeMet_Returns429WithRetryAfter()
    {
        // Every first token takes 100 ms: over the 50 ms objective once the estimator has seen it.
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(100) };
        await using var host = await GatewayHost.StartAsync(Tight, engine);
        for (var i = 0; i < 3; i++)
        {
            var (warm, _) = await Http.PostAsync(host.Client, "/v1/chat/completions", Chat(1));
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        // The first request is admitted (nothing else waits); one arriving while it waits for its first token is not.
        var first = Http.PostAsync(host.Client, "/v1/chat/completions", Chat());
        await WaitForRequestsAsync(engine, 4);
        var (refused, body) = await Http.PostAsync(host.Client, "/v1/chat/completions", Chat());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("TTFT objective", Http.AssertError(body).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await first).Response.StatusCode);

        // A request under a policy whose budget the load can meet is admitted at the same load.
        var again = Http.PostAsync(host.Client, "/v1/chat/completions", Chat());
        await WaitForRequestsAsync(engine, 5);
        using var relaxed = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative)) { Content = Http.Json(Chat()) };
        relaxed.Headers.Add("x-trinity-slo", "relaxed");
        using var admitted = await host.Client.SendAsync(relaxed);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        await again;

        var metrics = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("trinity_slo_requests_total{outcome=\"missed\",policy=\"default\",stage=\"ttft\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trinity_slo_requests_total{outcome=\"met\",policy=\"relaxed\",stage=\"ttft\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trinity_slo_rejections_total{policy=\"default\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admission_IdleSystem_NeverRefuses()
    {
        await using var host = await GatewayHost.StartAsync(Tight, new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(100) });
        for (var i = 0; i < 6; i++)
        {
            var (response, _) = await Http.PostAsync(host.Client, "/v1/chat/completions", Chat(1));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task PolicyHeader_Unknown_Returns400()
    {
        await using var host = await GatewayHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative)) { Content = Http.Json(Chat()) };
        request.Headers.Add("x-trinity-slo", "platinum");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("platinum", Http.AssertError(body).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_UnknownPolicyName_FailsAtStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Trinity:Slo:Models:fake-model"] = "gold",
        }));
        Assert.Contains("unknown policy 'gold'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Waits until the engine has received <paramref name="count"/> requests (an event, not a fixed delay that a
    /// loaded machine may outlast).</summary>
    private static async Task WaitForRequestsAsync(FakeEngine engine, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (engine.Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(engine.Requests.Count >= count, $"the engine received {engine.Requests.Count} requests, expected {count}");
    }
}
