using System.Diagnostics;
using System.Text.Json.Nodes;
using Trinity.Bench.Load.Launch;
using Trinity.Bench.Load.Metrics;
using Trinity.Bench.Load.OpenLoop;
using Trinity.Bench.Load.Workloads;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Load;

/// <summary>
/// <c>serve --workload FILE [--policies fifo,trinity] [--rate R[,R...]] [--duration S] [--burstiness B] [--seed N]
/// [--repeat N] (--launch [--home DIR] [--prepare] [--set K=V,...] | --url URL) [--json OUT] [--report OUT.html|.svg]</c>:
/// open-loop arrivals of a workload's request mix; with <c>--launch</c>, a fresh all-in-one gateway per policy on the
/// same prepared home and the same seeded arrival sequence, so policies are compared side by side in one command.
/// </summary>
internal static class WorkloadCommand
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var options = WorkloadOptions.Parse(args);
        var workload = options.Apply(WorkloadReader.Read(options.WorkloadPath));
        var label = options.Label ?? workload.Name;
        var report = new BenchReport("serve " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2)));
        using var http = StreamingChatClient.CreateHttpClient(options.ApiKey);
        var home = options.Home ?? Environment.GetEnvironmentVariable("TRINITY_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".trinity");
        if (options.Launch)
        {
            await WorkloadPreparer.PrepareAsync(workload, Path.GetFullPath(home), options.Prepare, options.Settings, http, Console.WriteLine).ConfigureAwait(false);
        }

        var runs = new List<WorkloadRun>();
        foreach (var rate in options.Rates ?? [workload.Rate])
        {
            for (var repeat = 0; repeat < options.Repeat; repeat++)
            {
                foreach (var policy in repeat % 2 == 0 ? options.Policies : options.Policies.Reverse())
                {
                    Console.WriteLine(FormattableString.Invariant($"{label}: policy {policy}, {rate:0.##} requests/s for {workload.DurationS:0.#} s (burstiness {workload.Burstiness:0.##}, seed {workload.Seed})"));
                    var run = await RunPolicyAsync(options, workload, label, policy, rate, repeat, Path.GetFullPath(home), http).ConfigureAwait(false);
                    runs.Add(run);
                    foreach (var record in run.Records)
                    {
                        report.Add(record);
                    }
                }
            }
        }

        WorkloadPrinter.Print(runs);
        report.Write(options.JsonPath);
        if (options.ReportPath is { } path)
        {
            WritePicture(path, label, workload, runs, options.Rates is { Count: > 1 }, options.Repeat > 1);
        }

        return runs.Any(r => r.Samples.All(s => !s.Completed)) ? 1 : 0;
    }

    private static async Task<WorkloadRun> RunPolicyAsync(WorkloadOptions options, Workload workload, string label, string policy, double rate, int repeat, string home, HttpClient http)
    {
        LaunchedGateway? gateway = null;
        try
        {
            if (options.Launch)
            {
                var runHome = RunHome.Create(home, $"{label}-{policy}", workload);
                gateway = await LaunchedGateway.StartAsync(runHome, policy, workload, options.Settings, http, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            }

            var url = gateway?.BaseUrl ?? options.Url!;
            var model = options.Model ?? await StreamingChatClient.FirstModelAsync(http, url).ConfigureAwait(false);
            var client = new WorkloadChatClient(http, url, model, workload);
            await WarmUpAsync(client, workload).ConfigureAwait(false);
            var before = await PoolMetrics.ScrapeAsync(http, url).ConfigureAwait(false);
            var plan = ArrivalSchedule.Plan(workload, rate, workload.DurationS, workload.Burstiness, workload.Seed);
            var (samples, wall) = await OpenLoopRunner.RunAsync(plan, client.SendAsync, DrainTimeout).ConfigureAwait(false);
            var after = await PoolMetrics.ScrapeAsync(http, url).ConfigureAwait(false);
            var records = WorkloadSummary.Summarise(label, policy, rate, workload, samples, wall);
            foreach (var record in records)
            {
                record["repeat"] = repeat;
                record["duration_s"] = workload.DurationS;
                record["burstiness"] = workload.Burstiness;
                record["offered_rps"] = Math.Round(record["requests"]!.GetValue<int>() / workload.DurationS, 3);
            }

            if (before is not null && after is not null)
            {
                PoolMetrics.AddTo(records[0], after.Minus(before));
            }

            return new WorkloadRun(policy, rate, repeat, samples, records);
        }
        finally
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends the warm-up requests two at a time, round-robin over the kinds: collections get loaded and scanned
    /// once, engines compile their kernels, the gateway's TTFT estimate fills. A kind that the server refuses outright
    /// (4xx other than 429: an unknown SLO policy or collection) stops the command with the server's message.</summary>
    private static async Task WarmUpAsync(WorkloadChatClient client, Workload workload)
    {
        var count = Math.Max(workload.WarmupRequests, 0);
        for (var i = 0; i < count; i += 2)
        {
            var pair = Enumerable.Range(i, Math.Min(2, count - i)).Select(async n =>
            {
                var kind = n % workload.Kinds.Count;
                var clock = Stopwatch.StartNew();
                var prompts = workload.PromptsOf(workload.Kinds[kind]).Count;
                return await client.SendAsync(new PlannedRequest(n, 0, kind, n / workload.Kinds.Count % prompts), () => clock.Elapsed.TotalMilliseconds, default).ConfigureAwait(false);
            });
            foreach (var sample in await Task.WhenAll(pair).ConfigureAwait(false))
            {
                if (sample.Status is >= 400 and < 500 and not 429)
                {
                    throw new ArgumentException($"the server refused a warm-up request of kind '{sample.Kind}': {sample.Error}");
                }
            }
        }
    }

    private static void WritePicture(string path, string label, Workload workload, List<WorkloadRun> runs, bool withRate, bool withRepeat)
    {
        var series = runs.Select(r => new CdfSeries(
            r.Name(withRate, withRepeat),
            [.. r.Samples.Select(s => s.Completed ? s.TtftMs : double.PositiveInfinity)],
            [.. r.Samples.Select(s => s.Completed ? s.TpotMs ?? double.NaN : double.PositiveInfinity)],
            Note(r.Records[0]))).ToList();
        var title = $"{label}: TTFT and TPOT distributions by vector-pool policy";
        var svg = CdfChart.Render(title, series, Markers(workload, s => s.TtftMs), Markers(workload, s => s.TpotMs));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)
            ? svg.ToString() + "\n"
            : HtmlReport.Render(title, workload.Description, [.. runs.SelectMany(r => r.Records)], svg));
    }

    /// <summary>The legend's figures of a run: attainment, goodput, refusals and the pool's decode-stage tail.</summary>
    private static string Note(JsonObject all)
    {
        string Percent(string field) => all[field] is { } node ? FormattableString.Invariant($"{node.GetValue<double>() * 100:0.#}%") : "-";
        var note = FormattableString.Invariant(
            $"SLO met {Percent("slo_attainment")} (TTFT {Percent("ttft_attainment")}, TPOT {Percent("tpot_attainment")}), goodput {all["goodput_rps"]!.GetValue<double>():0.##}/s, {all["refused"]} refused");
        return all["pool_decode_p99_ms"] is { } decode
            ? note + FormattableString.Invariant($", pool decode-stage p99 {decode.GetValue<double>():0.#} ms")
            : note;
    }

    /// <summary>One marker per distinct target, naming the SLO classes that share it.</summary>
    private static List<SloMarker> Markers(Workload workload, Func<WorkloadSlo, double> target) =>
        [.. workload.Slo
            .Where(c => workload.Kinds.Any(k => k.Slo == c.Key))
            .GroupBy(c => target(c.Value))
            .Select(g => new SloMarker(FormattableString.Invariant($"SLO {string.Join(", ", g.Select(c => c.Key))}: {g.Key:0.##} ms"), g.Key))];
}
