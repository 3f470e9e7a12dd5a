using System.Net;
using Microsoft.Extensions.Options;
using Trinity.Common.Time;
using Trinity.Tests.Common.Time;
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

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private static string Chat(int maxTokens = 4) =>
        $$"""{"model":"{{GatewayHost.ModelName}}","messages":[{"role":"user","content":"hello there"}],"max_tokens":{{maxTokens}}}""";

    [Fact]
    public async Task Admission_BudgetCannotBeMet_Returns429WithRetryAfter()
    {
        // Every first token takes 100 ms of virtual time: over the 50 ms objective once the estimator has seen it.
        var time = new ManualTimeProvider();
        var engine = new FakeEngine { StepDelay = Step };
        await using var host = await GatewayHost.StartAsync(Tight, engine, time);
        for (var i = 0; i < 3; i++)
        {
            var (warm, _) = await time.DriveAsync(Http.PostAsync(host.Client, "/v1/chat/completions", Chat(1)), Step);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        // The first request is admitted (nothing else waits); one arriving while it waits for its first token is not:
        // the clock stands still until the refusal is in, so the first request cannot have answered meanwhile.
        var first = Http.PostAsync(host.Client, "/v1/chat/completions", Chat());
        await engine.WaitForRequestsAsync(4);
        var (refused, body) = await Http.PostAsync(host.Client, "/v1/chat/completions", Chat());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("TTFT objective", Http.AssertError(body).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await time.DriveAsync(first, Step)).Response.StatusCode);

        // A request under a policy whose budget the load can meet is admitted at the same load.
        var again = Http.PostAsync(host.Client, "/v1/chat/completions", Chat());
        await engine.WaitForRequestsAsync(5);
        using var relaxed = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative)) { Content = Http.Json(Chat()) };
        relaxed.Headers.Add("x-trinity-slo", "relaxed");
        var sent = host.Client.SendAsync(relaxed);
        await engine.WaitForRequestsAsync(6);
        using var admitted = await time.DriveAsync(sent, Step);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        await time.DriveAsync(again, Step);

        var metrics = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("trinity_slo_requests_total{outcome=\"missed\",policy=\"default\",stage=\"ttft\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trinity_slo_requests_total{outcome=\"met\",policy=\"relaxed\",stage=\"ttft\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trinity_slo_rejections_total{policy=\"default\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admission_IdleSystem_NeverRefuses()
    {
        var time = new ManualTimeProvider();
        await using var host = await GatewayHost.StartAsync(Tight, new FakeEngine { StepDelay = Step }, time);
        for (var i = 0; i < 6; i++)
        {
            var (response, _) = await time.DriveAsync(Http.PostAsync(host.Client, "/v1/chat/completions", Chat(1)), Step);
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
}
