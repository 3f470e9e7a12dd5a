using System.Net;
using Trinity.Common.Time;
using Trinity.Tests.Common.Time;
using Trinity.Tests.Gateway.Fakes;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Pipeline;

public sealed class TimeoutTests
{
    private const string LongChat = """{"model":"fake-model","messages":[{"role":"user","content":"slow"}],"max_tokens":400,"ignore_eos":true""";

    private static async Task<(HttpResponseMessage Response, string Body)> PostAsync(GatewayHost host, string body)
    {
        var response = await host.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), Http.Json(body));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static System.Text.Json.JsonElement LastError(string sseBody)
    {
        var events = Sse.Events(sseBody);
        Assert.NotEqual("[DONE]", events[^1]);
        return Http.AssertError(System.Text.Json.JsonDocument.Parse(events[^1]).RootElement.Clone());
    }

    [Fact]
    public async Task RequestTimeout_BeforeAndAfterStreamStart_Returns504OrErrorEvent()
    {
        // ASP.NET Core's RequestTimeouts middleware arms its deadline on real time (not on TimeProvider), so this one
        // timeout stays real; the engine's steps are virtual and advanced once only, so the deadline is the one thing
        // left that can end either request: the plain one with no token yet (504), the stream after its first (an error
        // event). The second of real time is the margin for the stream to start on a loaded machine.
        var time = new ManualTimeProvider();
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(20) };
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Trinity:Gateway:GenerationTimeout"] = "00:00:01" }, engine, time);

        var stream = PostAsync(host, LongChat + ",\"stream\":true}");
        await time.StepAsync(engine.StepDelay);
        var plain = PostAsync(host, LongChat + "}");
        var ((plainResponse, plainBody), (streamResponse, streamBody)) = (await plain, await stream);

        Assert.Equal(HttpStatusCode.GatewayTimeout, plainResponse.StatusCode);
        Assert.Equal("timeout", Http.AssertError(System.Text.Json.JsonDocument.Parse(plainBody).RootElement).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, streamResponse.StatusCode);
        Assert.Equal("timeout", LastError(streamBody).GetProperty("code").GetString());
        Assert.Equal(2, engine.Cancelled.Count);
        Assert.Equal(1, engine.Cancelled.Values.Sum());
    }

    [Fact]
    public async Task StalledEngine_Returns504OrErrorEvent()
    {
        var time = new ManualTimeProvider();
        var engine = new FakeEngine { StallAfter = 2 };
        var stallTimeout = TimeSpan.FromMilliseconds(200);
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Trinity:Gateway:StallTimeout"] = "00:00:00.200" }, engine, time);

        var (plain, plainBody) = await StallAsync(PostAsync(host, LongChat + "}"));
        var (stream, streamBody) = await StallAsync(PostAsync(host, LongChat + ",\"stream\":true}"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, plain.StatusCode);
        Assert.Contains("no output", Http.AssertError(System.Text.Json.JsonDocument.Parse(plainBody).RootElement).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("timeout", LastError(streamBody).GetProperty("code").GetString());
        Assert.Equal(0, engine.Active);

        // Two tokens, then the step after which the engine goes silent; then the watchdog, armed after the second
        // token, is the only timer left and comes due within one stall timeout.
        async Task<(HttpResponseMessage, string)> StallAsync(Task<(HttpResponseMessage, string)> post)
        {
            for (var step = 0; step < 3; step++)
            {
                await time.StepAsync(engine.StepDelay);
            }

            await time.StepAsync(stallTimeout);
            return await post;
        }
    }

    [Fact]
    public async Task EngineFailure_BeforeFirstTokenIs500_AfterIsErrorEvent()
    {
        var engine = new FakeEngine { FailAfter = 0 };
        await using var host = await GatewayHost.StartAsync(engine: engine);

        var (early, earlyBody) = await PostAsync(host, LongChat + ",\"stream\":true}");
        engine.FailAfter = 3;
        var (late, lateBody) = await PostAsync(host, LongChat + ",\"stream\":true}");
        var (many, manyBody) = await PostAsync(host, LongChat + ",\"n\":3}");

        Assert.Equal(HttpStatusCode.InternalServerError, early.StatusCode);
        Assert.Equal("engine_error", Http.AssertError(System.Text.Json.JsonDocument.Parse(earlyBody).RootElement).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal("engine_error", LastError(lateBody).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, many.StatusCode);
        Assert.Equal("server_error", Http.AssertError(System.Text.Json.JsonDocument.Parse(manyBody).RootElement).GetProperty("type").GetString());
        Assert.Equal(0, engine.Active);
    }
}
