using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Trinity.Bench.Cluster;
using Trinity.Bench.Load;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Soak;

/// <summary>
/// <c>Trinity.Bench soak --duration 30m --concurrency 64</c>: a gateway launched for the run takes a steady mix of
/// streamed chat, RAG, answer-cache hits, embeddings, ingestion and clients that walk away mid-stream, while its
/// RSS, GC heap, threads and handles are sampled. Reports outcomes per kind and memory over time (JSON and an SVG
/// picture); fails (exit code 1) when a request hangs past its timeout, the gateway dies, or RSS grows by more
/// than <c>--max-growth</c> (10%) after warm-up.
/// </summary>
internal static class SoakCommand
{
    // Weights of the mix, in SoakOperation order: chat, RAG, cache hit, embeddings, ingestion, disconnect.
    private static readonly int[] Weights = [30, 15, 15, 15, 10, 15];

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var options = SoakOptions.Parse(args);
        Directory.CreateDirectory(options.Home);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TRINITY_HOME"] = options.Home,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",

            // The soak looks for leaks and hangs, not SLOs: requests wait for a slot rather than being refused.
            ["Trinity__Slo__AdmissionControl"] = "false",

            // A cache that fills during warm-up, so that its growth is not mistaken for a leak afterwards.
            ["Trinity__AnswerCache__MaxEntries"] = "500",
        };
        foreach (var (key, value) in options.Settings)
        {
            environment[key] = value;
        }

        await using var gateway = await ClusterProcess.StartAsync("gateway", "Trinity.Gateway.dll", ["--urls", "http://127.0.0.1:0"], environment, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        using var http = StreamingChatClient.CreateHttpClient(null);
        var baseUrl = new Uri(gateway.Url.TrimEnd('/') + "/v1/");
        await WaitHealthyAsync(http, new Uri(baseUrl, "../health"), gateway).ConfigureAwait(false);
        var model = await StreamingChatClient.FirstModelAsync(http, baseUrl).ConfigureAwait(false);
        using (var seed = await http.PostAsync(new Uri(baseUrl, $"collections/{SoakClient.Collection}/documents"), new StringContent(SoakClient.Documents(0, 40).ToJsonString(), Encoding.UTF8, "application/json")).ConfigureAwait(false))
        {
            seed.EnsureSuccessStatusCode();
        }

        Console.WriteLine($"soak: gateway pid {gateway.Id} at {baseUrl}, {options.Concurrency} clients for {options.Duration.TotalMinutes:0.#} min (warm-up {options.WarmUp.TotalMinutes:0.#} min)");
        var client = new SoakClient(http, baseUrl, model, options);
        var tally = new SoakTally();
        var samples = new List<ProcessSample>();
        var sampler = new ProcessSampler(gateway.Id, http, new Uri(baseUrl, "../metrics"));
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(options.Duration);
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && !gateway.HasExited)
            {
                var operation = Pick();

                // In-flight requests finish on their own timeout after the end, so that every request is seen to end or hang.
                tally.Add(operation, await client.RunAsync(operation, CancellationToken.None).ConfigureAwait(false));
            }
        })).ToList();
        var all = Task.WhenAll(workers);
        while (!all.IsCompleted && !gateway.HasExited)
        {
            samples.Add(await sampler.SampleAsync(clock.Elapsed.TotalSeconds, tally.Total, CancellationToken.None).ConfigureAwait(false));
            Progress(samples[^1], tally);
            await Task.WhenAny(all, Task.Delay(options.SampleInterval)).ConfigureAwait(false);
        }

        var alive = !gateway.HasExited;
        if (alive)
        {
            samples.Add(await sampler.SampleAsync(clock.Elapsed.TotalSeconds, tally.Total, CancellationToken.None).ConfigureAwait(false));
        }

        await all.WaitAsync(options.RequestTimeout * 2).ConfigureAwait(false);
        var verdict = SoakVerdict.Of(samples, options.WarmUp.TotalSeconds, tally.Count(o => o == "hang"), alive, options.MaxGrowth);
        Print(tally, samples, verdict);
        Write(options, tally, samples, verdict, clock.Elapsed);
        return verdict.Passed ? 0 : 1;
    }

    private static SoakOperation Pick()
    {
        var roll = Random.Shared.Next(Weights.Sum());
        for (var i = 0; i < Weights.Length; i++)
        {
            if ((roll -= Weights[i]) < 0)
            {
                return (SoakOperation)i;
            }
        }

        return SoakOperation.Chat;
    }

    private static bool IsError(string outcome) => !outcome.StartsWith("ok", StringComparison.Ordinal) && outcome != "disconnected";

    private static void Progress(ProcessSample sample, SoakTally tally) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {sample.ElapsedS / 60,5:0.0} min  requests {sample.Requests,7}  errors {tally.Count(IsError),5}  rss {sample.RssBytes / 1048576.0,7:0.0} MiB  gc heap {sample.GcHeapBytes / 1048576.0,6:0.0} MiB  threads {sample.Threads,3}  handles {sample.Handles,4}"));

    private static void Print(SoakTally tally, IReadOnlyList<ProcessSample> samples, SoakVerdict verdict)
    {
        Console.WriteLine();
        Console.WriteLine($"{"operation",-12} {"outcome",-14} {"count",8}");
        foreach (var (operation, outcome, count) in tally.Snapshot())
        {
            Console.WriteLine($"{operation,-12} {outcome,-14} {count,8}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests {tally.Total}, errors {tally.Count(IsError)}, hangs {verdict.Hangs}; RSS {verdict.BaselineRss / 1048576:0.0} → {verdict.EndRss / 1048576:0.0} MiB ({verdict.RssGrowth:+0.0%;-0.0%}), GC heap {verdict.BaselineGcHeap / 1048576:0.0} → {verdict.EndGcHeap / 1048576:0.0} MiB ({verdict.GcHeapGrowth:+0.0%;-0.0%}); threads max {samples.Select(s => s.Threads).DefaultIfEmpty().Max()}, handles max {samples.Select(s => s.Handles).DefaultIfEmpty().Max()}"));
        Console.WriteLine(verdict.Passed ? "soak: PASSED" : $"soak: FAILED ({(verdict.Hangs > 0 ? "hangs " : string.Empty)}{(!verdict.GatewayAlive ? "gateway died " : string.Empty)}{(verdict.RssGrowth > verdict.MaxGrowth ? "memory growth" : string.Empty)})");
    }

    private static void Write(SoakOptions options, SoakTally tally, IReadOnlyList<ProcessSample> samples, SoakVerdict verdict, TimeSpan elapsed)
    {
        var outcomes = new JsonObject();
        foreach (var (operation, outcome, count) in tally.Snapshot())
        {
            outcomes[$"{operation.ToString().ToLowerInvariant()}.{outcome}"] = count;
        }

        var series = new JsonArray();
        foreach (var s in samples)
        {
            series.Add(new JsonObject { ["t_s"] = Math.Round(s.ElapsedS, 1), ["rss_bytes"] = s.RssBytes, ["gc_heap_bytes"] = s.GcHeapBytes, ["threads"] = s.Threads, ["handles"] = s.Handles, ["requests"] = s.Requests });
        }

        var report = new BenchReport("soak");
        report.Add(new JsonObject
        {
            ["label"] = "soak",
            ["duration_s"] = Math.Round(elapsed.TotalSeconds, 1),
            ["warmup_s"] = options.WarmUp.TotalSeconds,
            ["settings"] = string.Join(',', options.Settings.Select(p => $"{p.Key}={p.Value}")),
            ["concurrency"] = options.Concurrency,
            ["requests"] = tally.Total,
            ["errors"] = tally.Count(IsError),
            ["hangs"] = verdict.Hangs,
            ["outcomes"] = outcomes,
            ["rss_baseline_mib"] = Math.Round(verdict.BaselineRss / 1048576, 1),
            ["rss_end_mib"] = Math.Round(verdict.EndRss / 1048576, 1),
            ["rss_growth"] = Math.Round(verdict.RssGrowth, 4),
            ["gc_heap_baseline_mib"] = Math.Round(verdict.BaselineGcHeap / 1048576, 1),
            ["gc_heap_end_mib"] = Math.Round(verdict.EndGcHeap / 1048576, 1),
            ["gc_heap_growth"] = Math.Round(verdict.GcHeapGrowth, 4),
            ["threads_max"] = samples.Select(s => s.Threads).DefaultIfEmpty().Max(),
            ["handles_max"] = samples.Select(s => s.Handles).DefaultIfEmpty().Max(),
            ["passed"] = verdict.Passed,
            ["samples"] = series,
        });
        report.Write(options.Json);
        if (options.Svg is { } svg)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"soak: {options.Concurrency} clients, {elapsed.TotalMinutes:0} min, {tally.Total} requests, RSS {verdict.RssGrowth:+0.0%;-0.0%} after warm-up");
            File.WriteAllText(svg, SoakChart.Render(samples, options.WarmUp.TotalSeconds, verdict.BaselineRss, options.MaxGrowth, title));
        }
    }

    private static async Task WaitHealthyAsync(HttpClient http, Uri health, ClusterProcess gateway)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (gateway.HasExited)
            {
                throw new InvalidOperationException($"the gateway exited before it was healthy:\n{gateway.Log}");
            }

            try
            {
                using var response = await http.GetAsync(health).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        throw new TimeoutException("the gateway was not healthy within 3 minutes");
    }
}
