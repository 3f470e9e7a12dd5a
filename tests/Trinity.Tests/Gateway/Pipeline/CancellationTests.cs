using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Trinity.Gateway.Scheduling;
using Trinity.Tests.Gateway.Fakes;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Pipeline;

public sealed class CancellationTests
{
    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, "condition not met in time");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Stream_ClientDisconnects_EngineSequenceIsCancelledAndFreed()
    {
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(20) };
        await using var host = await GatewayHost.StartAsync(engine: engine);

        // SocketsHttpHandler would otherwise drain the rest of the body on dispose to reuse the connection.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Http.Json("""{"model":"fake-model","messages":[{"role":"user","content":"long"}],"max_tokens":400,"ignore_eos":true,"stream":true}"""),
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        using (var reader = new StreamReader(stream))
        {
            for (var events = 0; events < 4;)
            {
                var line = await reader.ReadLineAsync();
                events += line is { Length: > 0 } ? 1 : 0;
            }
        }

        var sequenceId = Assert.Single(engine.Requests).RequestId;
        response.Dispose();
        var disconnected = Stopwatch.GetTimestamp();
        await WaitUntilAsync(() => engine.CancelledAt.ContainsKey(sequenceId), TimeSpan.FromSeconds(5));

        // Measured 2–8 ms here, under one 20 ms step; the bound leaves room for a loaded machine.
        Assert.True(Stopwatch.GetElapsedTime(disconnected, engine.CancelledAt[sequenceId]) < TimeSpan.FromMilliseconds(250));
        Assert.InRange(engine.Cancelled[sequenceId], 3, 60);
        await WaitUntilAsync(() => engine.Active == 0 && host.App.Services.GetRequiredService<AdmissionGate>().Running == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task NonStreaming_ClientCancels_EngineSequenceIsCancelled()
    {
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(20) };
        await using var host = await GatewayHost.StartAsync(engine: engine);
        using var cancel = new CancellationTokenSource();

        // Cancel once the engine is generating (an event, not a fixed delay that a loaded machine may outlast).
        var post = host.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative),
            Http.Json("""{"model":"fake-model","messages":[{"role":"user","content":"long"}],"max_tokens":400,"ignore_eos":true}"""), cancel.Token);
        await WaitUntilAsync(() => !engine.Requests.IsEmpty, TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);

        var sequenceId = Assert.Single(engine.Requests).RequestId;
        await WaitUntilAsync(() => engine.Cancelled.ContainsKey(sequenceId) && engine.Active == 0, TimeSpan.FromSeconds(5));
        Assert.True(engine.Cancelled[sequenceId] < 100);
    }

    [Fact]
    public async Task LongStream_DoesNotDelayShortRequest()
    {
        var engine = new FakeEngine { StepDelay = TimeSpan.FromMilliseconds(5) };
        await using var host = await GatewayHost.StartAsync(engine: engine);
        using var longRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Http.Json("""{"model":"fake-model","messages":[{"role":"user","content":"long"}],"max_tokens":480,"ignore_eos":true,"stream":true}"""),
        };
        using var longResponse = await host.Client.SendAsync(longRequest, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, longResponse.StatusCode);

        var watch = Stopwatch.StartNew();
        var (response, body) = await Http.PostAsync(host.Client, "/v1/chat/completions",
            """{"model":"fake-model","messages":[{"role":"user","content":"short"}],"max_tokens":2}""");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("length", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"short request took {watch.Elapsed}");
        Assert.True(engine.Active == 1, $"active {engine.Active}, requests {engine.Requests.Count}, cancelled {string.Join(",", engine.Cancelled)}");
    }
}
