using System.Net;
using Trinity.Tests.Gateway.Fakes;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Pipeline;

public sealed class AdmissionTests
{
    private const string Long = """{"model":"fake-model","messages":[{"role":"user","content":"hold"}],"max_tokens":400,"ignore_eos":true,"stream":true}""";
    private const string Short = """{"model":"fake-model","messages":[{"role":"user","content":"next"}],"max_tokens":1}""";

    [Theory]
    [InlineData("0", "00:00:10", HttpStatusCode.TooManyRequests, "rate_limit_exceeded")]
    [InlineData("4", "00:00:00.200", HttpStatusCode.ServiceUnavailable, "overloaded")]
    public async Task SlotsTaken_QueueFullOrTimedOut_ReturnsRetryAfter(string waiting, string queueTimeout, HttpStatusCode status, string code)
    {
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(10) };
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Trinity:Gateway:MaxRunningSequences"] = "1",
            ["Trinity:Gateway:MaxChoices"] = "1",
            ["Trinity:Gateway:MaxWaitingSequences"] = waiting,
            ["Trinity:Gateway:QueueTimeout"] = queueTimeout,
        }, engine);
        using var holder = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Http.Json(Long) };
        using var held = await host.Client.SendAsync(holder, HttpCompletionOption.ResponseHeadersRead);

        var (response, body) = await Http.PostAsync(host.Client, "/v1/chat/completions", Short);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, Http.AssertError(body).GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SlotFreed_QueuedRequestRuns()
    {
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(2) };
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Trinity:Gateway:MaxRunningSequences"] = "1",
            ["Trinity:Gateway:MaxChoices"] = "1",
        }, engine);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Http.PostAsync(host.Client, "/v1/chat/completions", Short)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.Contains(results, r => r.Body.GetProperty("trinity").GetProperty("queue_ms").GetDouble() > 0.5);
    }
}
