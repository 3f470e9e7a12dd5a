using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trinity.Contracts;
using Trinity.Gateway.Engines.Remote;

namespace Trinity.Tests.Gateway.Engines.Remote;

/// <summary>KV a prefill engine holds for a request the gateway abandons is released at once, not at its TTL.</summary>
public sealed class AbandonedKvReleaseTests
{
    private static readonly GenerationRequest Request = new() { RequestId = "abandoned", PromptTokens = [1, 2, 3], MaxTokens = 8 };

    [Fact]
    public async Task GenerateAsync_ClientGoneWhileDecoding_PrefillStoreEmptied()
    {
        var engines = new StubEngines();
        var remote = Remote(engines);
        using var cancel = new CancellationTokenSource();

        var run = Drain(remote.GenerateAsync(Request, cancel.Token));
        await engines.DecodeStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(engines.Store);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal("kv-1", await engines.Released.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(engines.Store);
    }

    [Fact]
    public async Task GenerateAsync_DecodeFailsBeforeFirstOutput_PrefillStoreEmptied()
    {
        var engines = new StubEngines { DecodeStatus = HttpStatusCode.InternalServerError };
        var remote = Remote(engines);

        await Assert.ThrowsAsync<EngineOverloadedException>(() => Drain(remote.GenerateAsync(Request, CancellationToken.None)));
        Assert.Equal("kv-1", await engines.Released.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(engines.Store);
    }

    private static RemoteGenerationEngine Remote(StubEngines engines)
    {
        var options = Options.Create(new RemoteEnginesOptions { Prefill = [StubEngines.PrefillUrl.ToString()], Decode = [StubEngines.DecodeUrl.ToString()] });
        var http = new RemoteEngineHttp(engines);
        return new RemoteGenerationEngine(new EnginePool(options), http, options, TimeProvider.System, NullLogger<RemoteGenerationEngine>.Instance,
            new AbandonedKvRelease(http, options, NullLogger<AbandonedKvRelease>.Instance));
    }

    private static async Task Drain(IAsyncEnumerable<GenerationOutput> outputs)
    {
        await foreach (var _ in outputs)
        {
        }
    }
}
