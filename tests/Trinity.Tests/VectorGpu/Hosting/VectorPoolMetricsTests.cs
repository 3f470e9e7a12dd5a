using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.VectorGpu.Hosting;

public sealed class VectorPoolMetricsTests
{
    [Fact]
    public async Task SearchAsync_PastDeadline_CountsAMissForItsStage()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var misses = new List<string?>();
        var durations = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this host's pool: other tests run pools of their own in parallel.
                if (instrument.Meter.Name == "Trinity.VectorPool" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            if (instrument.Name == "trinity.vector.deadline.misses")
            {
                lock (misses)
                {
                    misses.Add(tags.ToArray().Single(t => t.Key == "stage").Value as string);
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "trinity.vector.search.duration")
            {
                Interlocked.Increment(ref durations);
            }
        });
        listener.Start();
        await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "m", Dimension = 2, Metric = VectorMetric.L2 }, default);
        await host.Pool.UpsertAsync("m", [new VectorPoint { Id = "a", Vector = [1, 2] }], default);

        await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "m", Vector = [1, 2], Stage = SearchStage.Decode, Deadline = DateTimeOffset.UtcNow.AddSeconds(-1) }, default);
        await host.Pool.SearchAsync(new VectorSearchRequest { Collection = "m", Vector = [1, 2], Stage = SearchStage.Prefill, Deadline = DateTimeOffset.UtcNow.AddMinutes(1) }, default);

        Assert.Equal(["decode"], misses);
        Assert.Equal(2, durations);
    }
}
