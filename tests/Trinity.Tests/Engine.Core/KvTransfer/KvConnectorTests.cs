using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Trinity.Engine.Decode;
using Trinity.Engine.Diagnostics;
using Trinity.Engine.Hosting;
using Trinity.Engine.KvTransfer;
using Trinity.Engine.Model;

namespace Trinity.Tests.Engine.Core.KvTransfer;

/// <summary>The KV connector in one process: the all-in-one path (prefill → publish → fetch → decode), its failure
/// reasons as values in the metric, and releases that leave nothing behind.</summary>
public sealed class KvConnectorTests
{
    private static readonly int[] Prompt = TestModels.TinyModel.Tokenizer.Encode("hand the cache over, please");

    [Fact]
    public async Task InMemory_PublishThenFetch_SameCacheOnce_ThenExpired()
    {
        using var connector = new InMemoryKvConnector();
        var kv = KvCache.Allocate(TestModels.TinyModel.Config, 1, 3);
        var handle = connector.Publish(kv)!.Value;
        Assert.Equal(1, connector.Count);

        var first = await connector.FetchAsync(handle, CancellationToken.None);
        Assert.Same(kv, first.Kv);
        Assert.Equal(kv.Bytes, first.Bytes);
        var second = await connector.FetchAsync(handle, CancellationToken.None);
        Assert.Null(second.Kv);
        Assert.Equal(KvFailure.Expired, second.Failure);
        Assert.False(connector.Release(handle));
        Assert.Equal(0, connector.Count);
        kv.Dispose();
    }

    [Fact]
    public async Task PrefillDecodeEngine_InMemory_SameGreedyTokensAsOneEngine_AndHandsTheCacheOver()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        using var connector = new InMemoryKvConnector();
        var fault = new FaultInjectingKvConnector(connector, TestModels.TinyModel, engine.Layout);
        var split = Split(engine, fault, metrics: null);
        var request = EngineTestExtensions.Request(Prompt, 12);

        var expected = await engine.GenerateAsync(request, CancellationToken.None).CollectAsync();
        var actual = await split.GenerateAsync(request, CancellationToken.None).CollectAsync();

        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(1, fault.Fetches);
        Assert.Equal(0, connector.Count);
    }

    [Theory]
    [InlineData(null, "checksum")]
    [InlineData(KvFailure.Timeout, "timeout")]
    [InlineData(KvFailure.Network, "network")]
    public async Task PrefillDecodeEngine_BrokenHandOver_RecomputesSameText_CountsTheReason(KvFailure? failure, string label)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = new EngineMetrics(factory);
        var reasons = new List<string?>();
        using var listener = Listen(factory, reasons);
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        using var connector = new InMemoryKvConnector();
        var fault = new FaultInjectingKvConnector(connector, TestModels.TinyModel, engine.Layout) { Corrupt = failure is null, FailWith = failure };
        var request = EngineTestExtensions.Request(Prompt, 12);

        var expected = await engine.GenerateAsync(request, CancellationToken.None).CollectAsync();
        var actual = await Split(engine, fault, metrics).GenerateAsync(request, CancellationToken.None).CollectAsync();

        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal([label], reasons);
        Assert.Equal(0, connector.Count);
    }

    [Fact]
    public async Task PrefillDecodeEngine_CancelledDuringHandOver_ReleasesTheCache()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        using var connector = new InMemoryKvConnector();
        var never = new TaskCompletionSource();
        var fault = new FaultInjectingKvConnector(connector, TestModels.TinyModel, engine.Layout) { Proceed = never.Task };
        using var cancel = new CancellationTokenSource();

        var run = Split(engine, fault, metrics: null).GenerateAsync(EngineTestExtensions.Request(Prompt, 12), cancel.Token).CollectAsync();
        await fault.FetchStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, connector.Count);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(0, connector.Count);
    }

    private static PrefillDecodeEngine Split(InProcessEngine engine, IKvConnector connector, EngineMetrics? metrics) =>
        new(engine, connector, new KvContinuation(engine, connector, metrics, NullLogger.Instance));

    private static MeterListener Listen(IMeterFactory factory, List<string?> reasons)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "trinity.engine.kv.transfer.failures" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (reasons)
            {
                reasons.Add(tags.ToArray().Single(t => t.Key == "reason").Value as string);
            }
        });
        listener.Start();
        return listener;
    }
}
