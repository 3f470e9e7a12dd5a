using Trinity.Bench;
using System.Diagnostics;
using Trinity.Bench.Reports;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Devices.Cpu;

namespace Trinity.Bench.Vector;

/// <summary>
/// <c>vector kernel [--n 200000] [--d 128] [--batch 1,8,64] [--threads T]</c>: the CPU device alone (no scheduler,
/// no loop) on random data: scan GB/s and GFLOP/s per batch size, the numbers the pool's cost model should carry.
/// </summary>
internal static class VectorKernelCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var n = options.Int("n") ?? 200_000;
        var d = options.Int("d") ?? 128;
        var data = SyntheticVectors.Random(n, d, 3);
        if (options.String("base") is { } path)
        {
            (data, n, d) = VecsFile.ReadFvecs(path);
        }

        var store = new VectorStore(d, VectorMetric.L2, n);
        for (var i = 0; i < n; i++)
        {
            store.Append(data.AsSpan(i * d, d));
        }

        var device = new CpuVectorDevice((options.Int("threads") ?? 0));
        foreach (var batch in (options.IntList("batch")?.ToArray() ?? [1, 4, 16, 64]))
        {
            var queries = SyntheticVectors.Random(batch, d, 4);
            var repeats = Math.Max(3, 64 / batch);
            double best = double.MaxValue;
            for (var r = 0; r < repeats; r++)
            {
                var work = Enumerable.Range(0, batch).Select(q =>
                {
                    var padded = new float[store.Stride];
                    queries.AsSpan(q * d, d).CopyTo(padded);
                    return new DeviceQuery(padded, VectorMetric.L2, 10, _ => true);
                }).ToArray();
                var watch = Stopwatch.StartNew();
                var slice = options.Int("slice") ?? n;
                device.Execute([.. Enumerable.Range(0, (n + slice - 1) / slice).Select(i => new SliceWork(store.Source, i * slice, Math.Min(slice, n - (i * slice)), work))]);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }

            var bytes = (double)n * store.Stride * sizeof(float);
            Console.WriteLine($"batch {batch,3}: {best * 1000,8:F2} ms  {batch / best,9:F1} QPS  {bytes / best / 1e9,6:F2} GB/s read  {2.0 * bytes / sizeof(float) * batch / best / 1e9,7:F1} GFLOP/s");
        }

        return Task.FromResult(0);
    }
}
