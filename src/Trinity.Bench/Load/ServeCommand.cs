using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Load;

/// <summary>
/// <c>serve --url http://127.0.0.1:8000/v1 [--concurrency 1,8] [--requests 64] [--max-tokens 32] [--warmup 32]
/// [--model NAME] [--api-key KEY] [--label L] [--slo-ttft-ms 1000 --slo-tpot-ms 100] [--no-ignore-eos]
/// [--in-process [--model-dir DIR]] [--json OUT]</c>: closed-loop streaming load against any OpenAI endpoint,
/// reporting TTFT, TPOT and E2E P50/P90/P99, throughput, SLO attainment and goodput. With <c>--in-process</c> it
/// also hosts the gateway in this process and alternates requests through HTTP and straight to the same engine,
/// which isolates the gateway's own TTFT overhead. With <c>--workload FILE</c> it runs open-loop arrivals of a request
/// mix instead (<see cref="WorkloadCommand"/>).
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Flag("workload"))
        {
            return await WorkloadCommand.RunAsync(args).ConfigureAwait(false);
        }

        var options = ServeOptions.Parse(args);
        var report = new BenchReport("serve " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2)));
        using var http = StreamingChatClient.CreateHttpClient(options.ApiKey);
        if (options.Url is { } url)
        {
            var model = options.Model ?? await StreamingChatClient.FirstModelAsync(http, url).ConfigureAwait(false);
            var client = new StreamingChatClient(http, url, model, options);
            foreach (var concurrency in options.Concurrency)
            {
                await ClosedLoop.RunAsync(concurrency, options.Warmup, -options.Warmup - 1, client.SendAsync).ConfigureAwait(false);
                var (samples, wall) = await ClosedLoop.RunAsync(concurrency, options.Requests, concurrency * 100_000, client.SendAsync).ConfigureAwait(false);
                report.Add(ServeSummary.Summarise(options.Label, concurrency, samples, wall, options));
            }
        }

        if (options.InProcess)
        {
            await CompareInProcessAsync(options, http, report).ConfigureAwait(false);
        }

        Print(report);
        report.Write(options.JsonPath);
        return report.Runs.Any(r => r["errors"]!.GetValue<int>() > 0) ? 1 : 0;
    }

    /// <summary>Engine direct and through the in-process gateway, in alternating blocks (A B B A A B B A) so that the
    /// drift of a busy machine falls on both alike.</summary>
    private static async Task CompareInProcessAsync(ServeOptions options, HttpClient http, BenchReport report)
    {
        await using var gateway = await InProcessGateway.StartAsync(options.ModelDirectory).ConfigureAwait(false);
        var viaHttp = new StreamingChatClient(http, gateway.BaseUrl, gateway.Model.Name, options);
        var direct = new EngineDirectClient(gateway.Model, options);
        foreach (var concurrency in options.Concurrency)
        {
            await ClosedLoop.RunAsync(concurrency, options.Warmup, -1_000_000, direct.SendAsync).ConfigureAwait(false);
            await ClosedLoop.RunAsync(concurrency, options.Warmup, -2_000_000, viaHttp.SendAsync).ConfigureAwait(false);
            const int Blocks = 8;
            var block = Math.Max(1, options.Requests / Blocks);
            var directRuns = new List<(List<RequestSample> Samples, TimeSpan Wall)>();
            var httpRuns = new List<(List<RequestSample> Samples, TimeSpan Wall)>();
            for (var b = 0; b < Blocks; b++)
            {
                var useDirect = b % 4 is 0 or 3;
                var first = (concurrency * 10_000_000) + (b * block);
                var run = await ClosedLoop.RunAsync(concurrency, block, first, useDirect ? direct.SendAsync : viaHttp.SendAsync).ConfigureAwait(false);
                (useDirect ? directRuns : httpRuns).Add(run);
            }

            var engineRun = Merge("in-process-engine", concurrency, directRuns, options);
            var gatewayRun = Merge("in-process-gateway", concurrency, httpRuns, options);
            foreach (var p in new[] { "p50", "p90" })
            {
                if (gatewayRun[$"ttft_{p}_ms"] is { } viaGateway && engineRun[$"ttft_{p}_ms"] is { } viaEngine)
                {
                    gatewayRun[$"ttft_overhead_{p}_ms"] = Math.Round(viaGateway.GetValue<double>() - viaEngine.GetValue<double>(), 3);
                }
            }

            report.Add(engineRun);
            report.Add(gatewayRun);
        }
    }

    private static JsonObject Merge(string label, int concurrency, List<(List<RequestSample> Samples, TimeSpan Wall)> runs, ServeOptions options) =>
        ServeSummary.Summarise(label, concurrency, [.. runs.SelectMany(r => r.Samples)], runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.Wall), options);

    private static void Print(BenchReport report)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 200;
        }

        var table = new Table().AddColumns("label", "conc", "req", "err", "TTFT p50/p90/p99 ms", "TPOT p50/p90/p99 ms", "E2E p50/p90/p99 ms", "req/s", "tok/s", "SLO");
        foreach (var run in report.Runs)
        {
            table.AddRow(
                run["label"]!.ToString(),
                run["concurrency"]!.ToString(),
                run["requests"]!.ToString(),
                run["errors"]!.ToString(),
                Triple(run, "ttft"),
                Triple(run, "tpot"),
                Triple(run, "e2e"),
                Number(run["throughput_rps"]),
                Number(run["output_tokens_per_s"]),
                Number(run["slo_attainment"]));
        }

        AnsiConsole.Write(table);
        foreach (var run in report.Runs.Where(r => r.ContainsKey("ttft_overhead_p50_ms")))
        {
            AnsiConsole.WriteLine($"gateway TTFT overhead over the in-process engine at concurrency {run["concurrency"]}: "
                + $"P50 {Number(run["ttft_overhead_p50_ms"])} ms, P90 {Number(run["ttft_overhead_p90_ms"])} ms (server-side TTFT P50 {Number(run["server_ttft_p50_ms"])} ms)");
        }

        foreach (var run in report.Runs.Where(r => r.ContainsKey("first_error")))
        {
            AnsiConsole.WriteLine($"{run["label"]} at concurrency {run["concurrency"]}: {run["errors"]} errors, first: {run["first_error"]}");
        }
    }

    private static string Triple(JsonObject run, string name) =>
        $"{Number(run[$"{name}_p50_ms"])} / {Number(run[$"{name}_p90_ms"])} / {Number(run[$"{name}_p99_ms"])}";

    private static string Number(JsonNode? node) => node is null ? "-" : node.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture);
}
