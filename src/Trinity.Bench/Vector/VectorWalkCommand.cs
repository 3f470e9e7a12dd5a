using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;

namespace Trinity.Bench.Vector;

/// <summary>
/// <c>vector walk --base B --queries Q --gt GT [--m 16 --ef-construction 200 --ef 10,16,32] [--quantization sq8] [--passes 2]</c>: graph
/// walks alone on the calling thread (no loop, no scheduler): µs per query, expansions, recall — the kernel's share of a
/// pool search.
/// </summary>
internal static class VectorWalkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var (data, count, dimension) = VecsFile.ReadFvecs(options.String("base") ?? throw new ArgumentException("--base is required"));
        var (queries, queryCount, _) = VecsFile.ReadFvecs(options.String("queries") ?? throw new ArgumentException("--queries is required"));
        var (truth, _, truthK) = VecsFile.ReadIvecs(options.String("gt") ?? throw new ArgumentException("--gt is required"));
        queryCount = Math.Min(queryCount, options.Int("max-queries") ?? 1000);
        var storage = (options.String("quantization") ?? "fp32") switch { "fp16" => VectorStorage.Fp16, "sq8" => VectorStorage.Sq8, _ => VectorStorage.Fp32 };
        await using var harness = await PoolHarness.StartAsync(new Dictionary<string, string?> { ["Trinity:VectorPool:SnapshotLogBytes"] = (1L << 40).ToString(System.Globalization.CultureInfo.InvariantCulture) }).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await harness.LoadAsync(new CollectionSpec { Name = "walk", Dimension = dimension, Metric = VectorMetric.L2, Index = IndexKind.Graph, M = options.Int("m"), EfConstruction = options.Int("ef-construction"), Storage = storage }, data, count).ConfigureAwait(false);
        Console.WriteLine($"built in {watch.Elapsed.TotalSeconds:F1} s");
        if (File.Exists("/proc/self/smaps_rollup"))
        {
            // Scattered rows cost a TLB miss each unless the codes and links sit on transparent huge pages.
            var memory = File.ReadLines("/proc/self/smaps_rollup").Where(l => l.StartsWith("Rss:", StringComparison.Ordinal) || l.StartsWith("AnonHugePages:", StringComparison.Ordinal));
            Console.WriteLine("memory: " + string.Join(", ", memory.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))));
        }
        var collection = harness.Services.GetRequiredService<CollectionRegistry>().Get("walk");
        lock (collection.Sync)
        {
            if (collection.Graph is { } graph)
            {
                var inDegree = new int[graph.Count];
                long edges = 0;
                for (var node = 0; node < graph.Count; node++)
                {
                    foreach (var next in graph.Neighbours(node))
                    {
                        inDegree[next]++;
                        edges++;
                    }
                }

                Console.WriteLine($"graph: {graph.Count} nodes, mean degree {edges / (double)graph.Count:F1}, in-degree 0: {inDegree.Count(d => d == 0)}, 1-2: {inDegree.Count(d => d is 1 or 2)}, seeds {graph.Seeds.Length}");
            }

            var probe = collection.StartWalk(collection.Prepare(queries.AsSpan(0, dimension)), 10, 10, null)!;
            var rows = Enumerable.Range(0, 32).Select(i => (i * 7919) % count).ToArray();
            var distances = new float[32];
            for (var pass = 0; pass < 2; pass++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < 20_000; i++)
                {
                    probe.ScoreForBench(rows, distances);
                }

                Console.WriteLine($"distance (cached rows): {Stopwatch.GetElapsedTime(start).TotalNanoseconds / (20_000 * 32.0):F1} ns, AvxVnni {System.Runtime.Intrinsics.X86.AvxVnni.IsSupported}");
            }
        }

        // Every query set runs `passes` times and the last pass is reported (more passes: steadier figures, or a
        // window long enough for a sampling profiler).
        var passes = Math.Max(2, options.Int("passes") ?? 2);
        foreach (var ef in options.IntList("ef")?.ToArray() ?? [10, 16, 32])
        {
            for (var pass = 0; pass < passes; pass++)
            {
                var found = new List<int[]>();
                long expansions = 0, scored = 0;
                var phases = new long[3];
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                watch.Restart();
                for (var q = 0; q < queryCount; q++)
                {
                    var prepared = collection.Prepare(queries.AsSpan(q * dimension, dimension));
                    lock (collection.Sync)
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        var walk = collection.StartWalk(prepared, 10, ef, null)!;
                        var t1 = Stopwatch.GetTimestamp();
                        walk.Advance(int.MaxValue);
                        var t2 = Stopwatch.GetTimestamp();
                        expansions += walk.Expansions;
                        scored += walk.Scored;
                        var hits = walk.Hits ?? collection.ResolveWalk(walk, 10);
                        var t3 = Stopwatch.GetTimestamp();
                        phases[0] += t1 - t0;
                        phases[1] += t2 - t1;
                        phases[2] += t3 - t2;
                        found.Add(hits.Select(h => int.Parse(h.Id.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
                    }
                }

                if (pass == passes - 1)
                {
                    var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / queryCount;
                    Console.WriteLine($"ef {ef,4}: {watch.Elapsed.TotalMicroseconds / queryCount,8:F1} µs/query ({cpuUs,7:F1} CPU)  {expansions / (double)queryCount,6:F1} expansions {scored / (double)queryCount,6:F1} scored (start {phases[0] * 1e6 / Stopwatch.Frequency / queryCount:F1} walk and re-rank {phases[1] * 1e6 / Stopwatch.Frequency / queryCount:F1} resolve {phases[2] * 1e6 / Stopwatch.Frequency / queryCount:F1} µs)  recall {ExactSearch.Recall(found, truth, truthK, 10):F4}, queries missing 0 / 1-3 / 4-9 / all: {string.Join(" / ", Misses(found, truth, truthK))}");
                }
            }
        }

        return 0;
    }

    /// <summary>How many queries missed none, 1–3, 4–9 or all 10 of their true neighbours: routing failures miss all.</summary>
    private static int[] Misses(List<int[]> found, int[] truth, int truthK)
    {
        var buckets = new int[4];
        for (var q = 0; q < found.Count; q++)
        {
            var expected = new HashSet<int>(truth.AsSpan(q * truthK, 10).ToArray());
            var missed = 10 - found[q].Take(10).Count(expected.Contains);
            buckets[missed == 0 ? 0 : missed <= 3 ? 1 : missed < 10 ? 2 : 3]++;
        }

        return buckets;
    }
}
