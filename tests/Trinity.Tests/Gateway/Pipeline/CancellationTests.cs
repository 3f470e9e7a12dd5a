using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Trinity.Common.Time;
using Trinity.Gateway.Scheduling;
using Trinity.Tests.Common.Time;
using Trinity.Tests.Gateway.Fakes;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Pipeline;

/// <summary>Client disconnects on the real gateway with a fake engine whose steps wait on virtual time: the engine
/// cannot take a step the test has not advanced, so every count below is exact, whatever the machine's load.</summary>
public sealed class CancellationTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits for a counter that no event signals (a slot given back after the engine ended); the bound only
    /// stops a broken test from hanging.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < ManualTimeExtensions.Hang, "condition not met in time");
            await Task.Delay(5);
        }
    }

    private static async Task ReadEventsAsync(StreamReader reader, int count)
    {
        for (var events = 0; events < count;)
        {
            var line = await reader.ReadLineAsync();
            events += line is { Length: > 0 } ? 1 : 0;
        }
    }

    [Fact]
    public async Task Stream_ClientDisconnects_EngineSequenceIsCancelledAndFreed()
    {
        var time = new ManualTimeProvider();
        var engine = new FakeEngine { StepDelay = Step };
        await using var host = await GatewayHost.StartAsync(engine: engine, time: time);

        // SocketsHttpHandler would otherwise drain the rest of the body on dispose to reuse the connection.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Http.Json("""{"model":"fake-model","messages":[{"role":"user","content":"long"}],"max_tokens":400,"ignore_eos":true,"stream":true}"""),
        };
        var sent = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        for (var step = 0; step < 4; step++)
        {
            await time.StepAsync(Step);
        }

        // Four tokens were made and the clock stands still from here: the stream holds at least four events and the
        // engine makes no fifth token unless the disconnect fails to stop it.
        var response = await sent.WaitAsync(ManualTimeExtensions.Hang);
        var stream = await response.Content.ReadAsStreamAsync();
        using (var reader = new StreamReader(stream))
        {
            await ReadEventsAsync(reader, 4).WaitAsync(ManualTimeExtensions.Hang);
        }

        var sequenceId = Assert.Single(engine.Requests).RequestId;
        response.Dispose();
        var disconnected = time.GetTimestamp();
        await engine.WaitUntilAsync(e => e.CancelledAt.ContainsKey(sequenceId));

        Assert.Equal(TimeSpan.Zero, time.GetElapsedTime(disconnected, engine.CancelledAt[sequenceId]));
        Assert.Equal(4, engine.Cancelled[sequenceId]);
        await WaitUntilAsync(() => engine.Active == 0 && host.App.Services.GetRequiredService<AdmissionGate>().Running == 0);
    }

    [Fact]
    public async Task NonStreaming_ClientCancels_EngineSequenceIsCancelled()
    {
        var time = new ManualTimeProvider();
        var engine = new FakeEngine { StepDelay = Step };
        await using var host = await GatewayHost.StartAsync(engine: engine, time: time);
        using var cancel = new CancellationTokenSource();

        // Cancel once the engine is generating; no step is advanced, so it has produced nothing when the cancel lands.
        var post = host.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative),
            Http.Json("""{"model":"fake-model","messages":[{"role":"user","content":"long"}],"max_tokens":400,"ignore_eos":true}"""), cancel.Token);
        await engine.WaitForRequestsAsync(1);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);

        var sequenceId = Assert.Single(engine.Requests).RequestId;
        await engine.WaitUntilAsync(e => e.Cancelled.ContainsKey(sequenceId) && e.Active == 0);
        Assert.Equal(0, engine.Cancelled[sequenceId]);
    }

    [Fact]
    public async Task LongStream_DoesNotDelayShortRequest()
    {
        var time = new ManualTimeProvider();
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(5) };
        await using var host = await GatewayHost.StartAsync(engine: engine, time: time);
        using var longRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Http.Json("""{"model":"fake-model","messages":[{"role":"user","content":"long"}],"max_tokens":480,"ignore_eos":true,"stream":true}"""),
        };
        var sent = host.Client.SendAsync(longRequest, HttpCompletionOption.ResponseHeadersRead);
        await time.StepAsync(engine.StepDelay);
        using var longResponse = await sent.WaitAsync(ManualTimeExtensions.Hang);
        Assert.Equal(System.Net.HttpStatusCode.OK, longResponse.StatusCode);

        var post = Http.PostAsync(host.Client, "/v1/chat/completions", """{"model":"fake-model","messages":[{"role":"user","content":"short"}],"max_tokens":2}""");
        await engine.WaitForRequestsAsync(2);

        // The clock moves until the short sequence has ended in the engine, then stands still while its answer travels
        // back, so the stream cannot run out meanwhile.
        await time.DriveAsync(engine.WaitUntilAsync(e => e.Active == 1), engine.StepDelay);
        var (response, body) = await post.WaitAsync(ManualTimeExtensions.Hang);

        // Two tokens take two steps of the short request's own on the gateway's clock (a step more where the stream's
        // step was advanced before the short one's was armed), never the hundreds of steps the stream has left.
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("length", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var e2e = TimeSpan.FromMilliseconds(body.GetProperty("trinity").GetProperty("e2e_ms").GetDouble());
        Assert.InRange(e2e, 2 * engine.StepDelay, 100 * engine.StepDelay);
        Assert.True(engine.Active == 1, $"active {engine.Active}, requests {engine.Requests.Count}, cancelled {string.Join(",", engine.Cancelled)}");
    }
}
