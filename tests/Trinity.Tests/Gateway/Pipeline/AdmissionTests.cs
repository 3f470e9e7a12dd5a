using System.Net;
using Trinity.Common.Time;
using Trinity.Tests.Common.Time;
using Trinity.Tests.Gateway.Fakes;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Pipeline;

/// <summary>Engine slots and the queue behind them, on virtual time: the queue timeout fires when the test has advanced
/// past it, never because the machine was slow.</summary>
public sealed class AdmissionTests
{
    private const string Long = """{"model":"fake-model","messages":[{"role":"user","content":"hold"}],"max_tokens":400,"ignore_eos":true,"stream":true}""";
    private const string Short = """{"model":"fake-model","messages":[{"role":"user","content":"next"}],"max_tokens":1}""";

    [Theory]
    [InlineData("0", "00:00:10", HttpStatusCode.TooManyRequests, "rate_limit_exceeded")]
    [InlineData("4", "00:00:00.200", HttpStatusCode.ServiceUnavailable, "overloaded")]
    public async Task SlotsTaken_QueueFullOrTimedOut_ReturnsRetryAfter(string waiting, string queueTimeout, HttpStatusCode status, string code)
    {
        // The holder takes the one slot and, after its first token, goes silent without a timer of its own; the clock
        // then moves only for the queued request's deadline, once that deadline exists.
        var time = new ManualTimeProvider();
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(10), StallAfter = 1 };
        var timeout = TimeSpan.Parse(queueTimeout, System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Trinity:Gateway:MaxRunningSequences"] = "1",
            ["Trinity:Gateway:MaxChoices"] = "1",
            ["Trinity:Gateway:MaxWaitingSequences"] = waiting,
            ["Trinity:Gateway:QueueTimeout"] = queueTimeout,
        }, engine, time);
        using var holder = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Http.Json(Long) };
        using var held = await time.DriveAsync(host.Client.SendAsync(holder, HttpCompletionOption.ResponseHeadersRead), engine.StepDelay);

        var (response, body) = await time.DriveAsync(Http.PostAsync(host.Client, "/v1/chat/completions", Short), timeout);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, Http.AssertError(body).GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SlotFreed_QueuedRequestRuns()
    {
        var time = new ManualTimeProvider();
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(2) };
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Trinity:Gateway:MaxRunningSequences"] = "1",
            ["Trinity:Gateway:MaxChoices"] = "1",
            ["Trinity:Gateway:QueueTimeout"] = "00:00:30",
        }, engine, time);

        // All four are in before the clock moves: one in the engine (its step due in 2 ms) and three queued (their
        // 30 s queue deadlines armed), so three of them wait at least one step.
        var posts = Enumerable.Range(0, 4).Select(_ => Http.PostAsync(host.Client, "/v1/chat/completions", Short)).ToList();
        await time.WaitForTimersAsync(4, TimeSpan.FromSeconds(30)).WaitAsync(ManualTimeExtensions.Hang);
        var results = await time.DriveAsync(Task.WhenAll(posts), engine.StepDelay);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.Equal(3, results.Count(r => r.Body.GetProperty("trinity").GetProperty("queue_ms").GetDouble() >= 2));
    }
}
