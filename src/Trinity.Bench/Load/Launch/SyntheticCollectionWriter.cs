using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trinity.Bench.Load.Workloads;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Hosting;

namespace Trinity.Bench.Load.Launch;

/// <summary>
/// Writes a <c>synthetic</c> collection into a home folder through the vector pool itself, in this process, before any
/// gateway starts: far faster than sending hundreds of thousands of vectors as JSON. The points go to the write-ahead
/// log with snapshots held back (a snapshot per 64 MiB of log would rewrite the growing collection dozens of times),
/// then a second pass writes one snapshot, so that gateways load it quickly.
/// </summary>
internal static class SyntheticCollectionWriter
{
    private const int Chunk = 20_000;

    public static async Task WriteAsync(string home, WorkloadCollection collection, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(progress);
        var d = collection.Dimension;
        var pool = await StartPoolAsync(home, 1L << 42).ConfigureAwait(false);
        try
        {
            var vectors = pool.Services.GetRequiredService<IVectorPool>();
            await vectors.CreateCollectionAsync(new CollectionSpec { Name = collection.Name, Dimension = d, Metric = VectorMetric.Cosine }, default).ConfigureAwait(false);
            var random = new Random(collection.Seed);
            for (var start = 0; start < collection.Points; start += Chunk)
            {
                var count = Math.Min(Chunk, collection.Points - start);
                var points = new List<VectorPoint>(count);
                for (var i = 0; i < count; i++)
                {
                    var vector = new float[d];
                    for (var j = 0; j < d; j++)
                    {
                        // Uniform coordinates centred on 0 spread the cosine scores like dense embeddings of unrelated text.
                        vector[j] = (float)(random.NextDouble() - 0.5);
                    }

                    points.Add(new VectorPoint { Id = (start + i).ToString(CultureInfo.InvariantCulture), Vector = vector });
                }

                await vectors.UpsertAsync(collection.Name, points, default).ConfigureAwait(false);
                progress($"{collection.Name}: {start + count:N0} / {collection.Points:N0} points");
            }
        }
        finally
        {
            await StopAsync(pool).ConfigureAwait(false);
        }

        // Reopen with a tiny snapshot threshold and rewrite one point: the pool then snapshots the whole collection and
        // empties its log.
        pool = await StartPoolAsync(home, 1).ConfigureAwait(false);
        try
        {
            var vectors = pool.Services.GetRequiredService<IVectorPool>();
            var first = new Random(collection.Seed);
            var vector = new float[d];
            for (var j = 0; j < d; j++)
            {
                vector[j] = (float)(first.NextDouble() - 0.5);
            }

            await vectors.UpsertAsync(collection.Name, [new VectorPoint { Id = "0", Vector = vector }], default).ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(pool).ConfigureAwait(false);
        }
    }

    private static async Task<IHost> StartPoolAsync(string home, long snapshotLogBytes)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Trinity:Home"] = home,
            ["Trinity:VectorPool:SnapshotLogBytes"] = snapshotLogBytes.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddVectorPool();
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return host;
    }

    private static async Task StopAsync(IHost host)
    {
        await host.StopAsync().ConfigureAwait(false);
        host.Dispose();
    }
}
