using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Hosting;

namespace Trinity.Bench.Vector;

/// <summary>The real pool (loop, scheduler, device, storage) in-process over a temporary home folder.</summary>
internal sealed class PoolHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _home;
    private readonly MeterListener _listener = new();
    private double _iterationSeconds;
    private long _iterations;

    private PoolHarness(IHost host, string home)
    {
        _host = host;
        _home = home;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Trinity.VectorPool" && instrument.Name == "trinity.vector.iteration.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            _iterationSeconds += value;
            _iterations++;
        });
        _listener.Start();
    }

    /// <summary>Iterations run and their summed duration since the last call (from the pool's own metrics).</summary>
    public (long Iterations, double Seconds) TakeIterationStats()
    {
        var stats = (_iterations, _iterationSeconds);
        _iterations = 0;
        _iterationSeconds = 0;
        return stats;
    }

    public VectorPool Pool => _host.Services.GetRequiredService<VectorPool>();

    /// <summary>The pool's device as it names itself (<c>cpu</c>, <c>ilgpu-cpu</c>, <c>cuda:0 (…)</c>).</summary>
    public string DeviceName => _host.Services.GetRequiredService<Trinity.VectorGpu.Devices.IVectorDevice>().Name;

    public IServiceProvider Services => _host.Services;

    public static async Task<PoolHarness> StartAsync(IDictionary<string, string?> settings)
    {
        var home = Directory.CreateTempSubdirectory("trinity-bench-").FullName;
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Trinity:Home"] = home });
        builder.Services.AddVectorPool();
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new PoolHarness(host, home);
    }

    /// <summary>Creates a collection and loads rows as points with ids 0..n−1, then waits for its index.</summary>
    public async Task LoadAsync(CollectionSpec spec, float[] data, int count)
    {
        await Pool.CreateCollectionAsync(spec, default).ConfigureAwait(false);
        const int Chunk = 20_000;
        for (var start = 0; start < count; start += Chunk)
        {
            var points = new List<VectorPoint>(Math.Min(Chunk, count - start));
            for (var i = start; i < Math.Min(count, start + Chunk); i++)
            {
                points.Add(new VectorPoint { Id = i, Vector = data.AsSpan(i * spec.Dimension, spec.Dimension).ToArray() });
            }

            await Pool.UpsertAsync(spec.Name, points, default).ConfigureAwait(false);
        }

        await Pool.WaitForIndexAsync(spec.Name).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
