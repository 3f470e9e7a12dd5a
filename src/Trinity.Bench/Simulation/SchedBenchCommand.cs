using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Trinity.Bench.Reports;
using Trinity.Bench.Vector;
using Trinity.VectorGpu.Client;

namespace Trinity.Bench.Simulation;

/// <summary>
/// <c>sched --policy fifo,static,trinity [--device cpu|cuda|ilgpu-cpu] [--rate 200 --duration 20 --decode-share 0.7] [--n 500000 --d 128]
/// [--decode-n 20000] [--prefill-deadline-ms 250 --decode-deadline-ms 25] [--budget-ms 2 --decode-budget-ms 1] [--graph-share 0.3
/// --graph-n 50000 --ef 64] [--json OUT]</c>: the same seeded mixed workload through the real pool once per policy;
/// per-stage P50/P99 latency and deadline-miss rate. With <c>--graph-share</c>, that fraction of the queries of both
/// stages walk a graph collection instead, sharing iterations with the scans. With <c>--simulate [--scan-gbps 3000 --tflops 50]</c> the real scheduler runs on virtual
/// time against a device cost model instead (a projection for hardware this machine lacks).
/// </summary>
internal static class SchedBenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var policies = options.StringList("policy")?.ToArray() ?? ["fifo", "static", "trinity"];
        var workload = new MixedWorkload(options.Double("rate") ?? 200, options.Double("duration") ?? 20, options.Double("decode-share") ?? 0.7, options.Int("seed") ?? 1);
        var n = options.Int("n") ?? 500_000;
        var decodeN = options.Int("decode-n") ?? 20_000;
        var d = options.Int("d") ?? 128;
        var prefillDeadline = TimeSpan.FromMilliseconds(options.Double("prefill-deadline-ms") ?? 250);
        var decodeDeadline = TimeSpan.FromMilliseconds(options.Double("decode-deadline-ms") ?? 25);
        var budgetMs = options.Double("budget-ms") ?? 2;
        var decodeBudgetMs = options.Double("decode-budget-ms") ?? 1;
        var simulate = options.Flag("simulate");
        var device = BenchDevices.Name(options);
        var arrivals = workload.Arrivals();
        Console.Error.WriteLine($"{arrivals.Count} queries over {workload.DurationSeconds} s ({arrivals.Count(a => a.Decode)} decode-stage on {decodeN} vectors, the rest prefill-stage on {n}){(simulate ? ", simulated" : "")}");

        var runs = new List<Dictionary<string, object?>>();
        foreach (var policy in policies)
        {
            var latencies = simulate
                ? new PoolLatencies("simulated", SchedSimulation.Run(policy, workload, n, decodeN, d, prefillDeadline, decodeDeadline, (options.Double("scan-gbps") ?? 3000) * 1e9, (options.Double("tflops") ?? 50) * 1e12, budgetMs, decodeBudgetMs, options.Int("slice-rows") ?? 8192))
                : await RunPoolAsync(policy, device, options, workload, n, decodeN, d, prefillDeadline, decodeDeadline, budgetMs, decodeBudgetMs).ConfigureAwait(false);
            foreach (var decode in new[] { true, false })
            {
                var stage = latencies.Samples.Where(l => l.Decode == decode).ToList();
                runs.Add(new Dictionary<string, object?>
                {
                    ["device"] = latencies.Device,
                    ["policy"] = policy,
                    ["stage"] = decode ? "decode" : "prefill",
                    ["p50_ms"] = Math.Round(Percentiles.Of(stage.Select(l => l.Ms).ToList(), 50), 2),
                    ["p99_ms"] = Math.Round(Percentiles.Of(stage.Select(l => l.Ms).ToList(), 99), 2),
                    ["deadline_miss_rate"] = Math.Round(stage.Count == 0 ? 0 : stage.Count(l => l.Missed) / (double)stage.Count, 4),
                    ["completed"] = stage.Count,
                    ["deadline_ms"] = (decode ? decodeDeadline : prefillDeadline).TotalMilliseconds,
                    ["rate"] = workload.Rate,
                    ["simulated"] = simulate,
                    ["graph_share"] = options.Double("graph-share") ?? 0,
                    ["budget_ms"] = budgetMs,
                    ["decode_budget_ms"] = decodeBudgetMs,
                });
            }
        }

        Print(runs);
        var report = new BenchReport("sched");
        foreach (var run in runs)
        {
            report.Add(System.Text.Json.JsonSerializer.SerializeToNode(run)!.AsObject());
        }

        report.Write(options.String("json"));
        return 0;
    }

    private static async Task<PoolLatencies> RunPoolAsync(
        string policy, string device, BenchArguments options, MixedWorkload workload, int n, int decodeN, int d, TimeSpan prefillDeadline, TimeSpan decodeDeadline, double budgetMs, double decodeBudgetMs)
    {
        var corpus = SyntheticVectors.Clustered(n, d, 256, seed: 1, centreSeed: 2);
        var memory = SyntheticVectors.Clustered(decodeN, d, 64, seed: 3, centreSeed: 4);
        var queries = SyntheticVectors.Clustered(512, d, 256, seed: 5, centreSeed: 2);
        var settings = new Dictionary<string, string?>
        {
            ["Trinity:VectorPool:Device"] = device,
            ["Trinity:VectorPool:Policy"] = policy,
            ["Trinity:VectorPool:IterationBudgetMs"] = budgetMs.ToString(CultureInfo.InvariantCulture),
            ["Trinity:VectorPool:DecodeIterationBudgetMs"] = decodeBudgetMs.ToString(CultureInfo.InvariantCulture),
            ["Trinity:VectorPool:StaticBatchSize"] = options.String("static-batch") ?? "8",
            ["Trinity:VectorPool:StaticBatchTimeoutMs"] = options.String("static-timeout-ms") ?? "2",
            ["Trinity:VectorPool:SnapshotLogBytes"] = (1L << 40).ToString(CultureInfo.InvariantCulture),
        };
        var graphShare = options.Double("graph-share") ?? 0;
        var graphN = options.Int("graph-n") ?? 50_000;
        var ef = options.Int("ef") ?? 64;
        await using var harness = await PoolHarness.StartAsync(settings).ConfigureAwait(false);
        if (graphShare > 0)
        {
            await harness.LoadAsync(new CollectionSpec { Name = "graph", Dimension = d, Metric = VectorMetric.L2, Index = IndexKind.Graph }, corpus, Math.Min(graphN, n)).ConfigureAwait(false);
        }

        await harness.LoadAsync(new CollectionSpec { Name = "corpus", Dimension = d, Metric = VectorMetric.L2 }, corpus, n).ConfigureAwait(false);
        await harness.LoadAsync(new CollectionSpec { Name = "memory", Dimension = d, Metric = VectorMetric.L2 }, memory, decodeN).ConfigureAwait(false);
        for (var w = 0; w < 20; w++)
        {
            await harness.Pool.SearchAsync(Request(queries, w, d, w % 2 == 0, DateTimeOffset.UtcNow.AddSeconds(1)), default).ConfigureAwait(false);
        }

        var latencies = new ConcurrentBag<(bool Decode, double Ms, bool Missed)>();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();

        // A dedicated thread paces the arrivals (the thread pool runs late under load, which would count as
        // queueing): latency runs from each query's scheduled arrival.
        var generator = new Thread(() =>
        {
            foreach (var (at, decode, index) in workload.Arrivals())
            {
                var arrival = TimeSpan.FromSeconds(at);
                if (arrival - clock.Elapsed is var left && left > TimeSpan.Zero)
                {
                    // No spinning: on a small machine it would take the cores the pool is measured on.
                    Thread.Sleep(left);
                }

                var budget = decode ? decodeDeadline : prefillDeadline;
                var deadline = DateTimeOffset.UtcNow + (arrival + budget - clock.Elapsed);
                var request = Request(queries, index, d, decode, deadline);
                if (graphShare > 0 && (index * 0.6180339887) % 1.0 < graphShare)
                {
                    request = request with { Collection = "graph", Ef = ef };
                }

                inFlight.Add(harness.Pool.SearchAsync(request, default).ContinueWith(
                    _ =>
                    {
                        var ms = (clock.Elapsed - arrival).TotalMilliseconds;
                        latencies.Add((decode, ms, ms > budget.TotalMilliseconds));
                    },
                    TaskScheduler.Default));
            }
        }) { Name = "sched-arrivals" };
        generator.Start();
        generator.Join();
        await Task.WhenAll(inFlight).ConfigureAwait(false);
        return new PoolLatencies(harness.DeviceName, [.. latencies]);
    }

    private static VectorSearchRequest Request(float[] queries, int index, int d, bool decode, DateTimeOffset deadline) => new()
    {
        Collection = decode ? "memory" : "corpus",
        Vector = queries.AsSpan(index % 512 * d, d).ToArray(),
        K = 10,
        Stage = decode ? SearchStage.Decode : SearchStage.Prefill,
        Deadline = deadline,
    };

    private static void Print(List<Dictionary<string, object?>> runs)
    {
        var table = new Table().AddColumns("policy", "stage", "P50 ms", "P99 ms", "deadline miss", "completed");
        foreach (var run in runs)
        {
            table.AddRow([.. new[] { "policy", "stage", "p50_ms", "p99_ms", "deadline_miss_rate", "completed" }.Select(f => Convert.ToString(run[f], CultureInfo.InvariantCulture) ?? "-")]);
        }

        AnsiConsole.Write(table);
        double Field(string policy, string stage, string field) =>
            Convert.ToDouble(runs.First(r => (string)r["policy"]! == policy && (string)r["stage"]! == stage)[field], CultureInfo.InvariantCulture);
        if (runs.Any(r => (string)r["policy"]! == "fifo") && runs.Any(r => (string)r["policy"]! == "trinity"))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"decode P99: trinity/fifo = {Field("trinity", "decode", "p99_ms") / Field("fifo", "decode", "p99_ms"):F3} (target ≤ 0.2); prefill misses: trinity − fifo = {100 * (Field("trinity", "prefill", "deadline_miss_rate") - Field("fifo", "prefill", "deadline_miss_rate")):F1} points (target ≤ 5)"));
        }
    }
}
