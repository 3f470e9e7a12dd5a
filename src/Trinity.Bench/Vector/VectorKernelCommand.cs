using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Trinity.Bench.Reports;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Devices.Ilgpu;

namespace Trinity.Bench.Vector;

/// <summary>
/// <c>vector kernel [--device cpu|cuda|ilgpu-cpu] [--n 200000] [--d 128] [--batch 1,8,64] [--k 10] [--threads T]
/// [--repeats R] [--check] [--json OUT]</c>: one device alone (no scheduler, no loop) on random data: scan GB/s and
/// GFLOP/s per batch size, the numbers the pool's cost model should carry. An ILGPU device also measures its
/// device-to-device copy bandwidth in the same run (the yardstick of a memory-bound scan); <c>--check</c> compares
/// every batch's answers with the CPU device's, which must be identical.
/// </summary>
internal static class VectorKernelCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var deviceName = BenchDevices.Name(options);
        var n = options.Int("n") ?? 200_000;
        var d = options.Int("d") ?? 128;
        var k = options.Int("k") ?? 10;
        var check = options.Flag("check");
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

        var bytes = (double)n * store.Stride * sizeof(float);
        using var device = (IDisposable)BenchDevices.Create(deviceName, options.Int("threads") ?? 0);
        var vectorDevice = (IVectorDevice)device;
        using var reference = check ? new CpuVectorDevice(options.Int("threads") ?? 0) : null;
        double? copy = vectorDevice is IlgpuVectorDevice ilgpu ? ilgpu.Backend.CopyBytesPerSecond((long)Math.Min(bytes, 1L << 30), 5) : null;
        if (copy is { } c)
        {
            Console.WriteLine($"{vectorDevice.Name}: device-to-device copy {c / 1e9:F2} GB/s");
        }

        var runs = new List<Dictionary<string, object?>>();
        var mismatches = 0;
        foreach (var batch in options.IntList("batch")?.ToArray() ?? [1, 4, 16, 64])
        {
            var queries = SyntheticVectors.Random(batch, d, 4);
            var repeats = options.Int("repeats") ?? Math.Max(3, 64 / batch);
            var best = double.MaxValue;
            DeviceQuery[] last = [];
            var slice = options.Int("slice") ?? n;

            // One untimed pass first: an ILGPU device uploads the collection at its first scan.
            for (var r = -1; r < repeats; r++)
            {
                last = Queries(queries, batch, d, store.Stride, k);
                var watch = Stopwatch.StartNew();
                vectorDevice.Execute(Work(store, n, slice, last));
                if (r >= 0)
                {
                    best = Math.Min(best, watch.Elapsed.TotalSeconds);
                }
            }

            bool? equal = null;
            if (reference is not null)
            {
                var expected = Queries(queries, batch, d, store.Stride, k);
                reference.Execute(Work(store, n, slice, expected));
                var wrong = Enumerable.Range(0, batch).Count(q => !expected[q].Heap.ToSortedArray().SequenceEqual(last[q].Heap.ToSortedArray()));
                mismatches += wrong;
                equal = wrong == 0;
            }

            var gbps = bytes / best / 1e9;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch {batch,3}: {best * 1000,9:F2} ms  {batch / best,10:F1} QPS  {gbps,7:F2} GB/s read  {2.0 * bytes / sizeof(float) * batch / best / 1e9,8:F1} GFLOP/s{(copy is { } cc ? $"  {gbps * 1e9 / cc:P0} of copy" : "")}{(equal is { } e ? e ? "  equal to cpu" : "  DIFFERS from cpu" : "")}"));
            runs.Add(new Dictionary<string, object?>
            {
                ["device"] = vectorDevice.Name,
                ["index"] = "flat",
                ["metric"] = "l2",
                ["batch"] = batch,
                ["n"] = n,
                ["dimension"] = d,
                ["k"] = k,
                ["ms"] = Math.Round(best * 1000, 3),
                ["qps"] = Math.Round(batch / best, 1),
                ["gb_per_s"] = Math.Round(gbps, 2),
                ["copy_gb_per_s"] = copy is { } bw ? Math.Round(bw / 1e9, 2) : null,
                ["scan_vs_copy"] = copy is { } bw2 ? Math.Round(gbps * 1e9 / bw2, 3) : null,
                ["equal_to_cpu"] = equal,
            });
        }

        var report = new BenchReport("vector kernel");
        foreach (var run in runs)
        {
            report.Add(JsonSerializer.SerializeToNode(run)!.AsObject());
        }

        report.Write(options.String("json"));
        return Task.FromResult(mismatches == 0 ? 0 : 1);
    }

    private static DeviceQuery[] Queries(float[] queries, int batch, int d, int stride, int k) =>
        [.. Enumerable.Range(0, batch).Select(q =>
        {
            var padded = new float[stride];
            queries.AsSpan(q * d, d).CopyTo(padded);
            return new DeviceQuery(padded, VectorMetric.L2, k, _ => true) { LivenessOnly = true };
        })];

    private static SliceWork[] Work(VectorStore store, int n, int slice, DeviceQuery[] queries) =>
        [.. Enumerable.Range(0, (n + slice - 1) / slice).Select(i => new SliceWork(store.Source, i * slice, Math.Min(slice, n - (i * slice)), queries))];
}
