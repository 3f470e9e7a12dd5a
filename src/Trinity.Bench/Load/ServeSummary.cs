using System.Text.Json.Nodes;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Load;

/// <summary>Turns one run's samples into the flat <c>serve</c> record of DESIGN.md §7 (times in milliseconds).</summary>
internal static class ServeSummary
{
    public static JsonObject Summarise(string label, int concurrency, IReadOnlyList<RequestSample> samples, TimeSpan wall, ServeOptions options)
    {
        var ok = samples.Where(s => s.Error is null).ToList();
        var ttft = ok.Select(s => s.TtftMs).ToList();
        var tpot = ok.Where(s => s.TpotMs is not null).Select(s => s.TpotMs!.Value).ToList();
        var e2e = ok.Select(s => s.E2eMs).ToList();
        var server = ok.Where(s => s.ServerTtftMs is not null).Select(s => s.ServerTtftMs!.Value).ToList();
        var good = ok.Count(s => s.TtftMs <= options.SloTtftMs && (s.TpotMs ?? 0) <= options.SloTpotMs);
        var seconds = Math.Max(wall.TotalSeconds, 1e-9);
        var run = new JsonObject
        {
            ["label"] = label,
            ["policy"] = "fcfs",
            ["concurrency"] = concurrency,
            ["requests"] = samples.Count,
            ["errors"] = samples.Count - ok.Count,
            ["max_tokens"] = options.MaxTokens,
        };
        AddPercentiles(run, "ttft", ttft);
        AddPercentiles(run, "tpot", tpot);
        AddPercentiles(run, "e2e", e2e);
        if (server.Count > 0)
        {
            run["server_ttft_p50_ms"] = Round(Percentiles.Of(server, 50));
        }

        run["throughput_rps"] = Round(ok.Count / seconds);
        run["output_tokens_per_s"] = Round(ok.Sum(s => s.OutputTokens) / seconds);
        run["slo_ttft_ms"] = options.SloTtftMs;
        run["slo_tpot_ms"] = options.SloTpotMs;
        run["slo_attainment"] = Round(samples.Count == 0 ? 0 : good / (double)samples.Count);
        run["goodput_rps"] = Round(good / seconds);
        run["wall_s"] = Round(seconds);
        if (samples.FirstOrDefault(s => s.Error is not null).Error is { } firstError)
        {
            run["first_error"] = firstError;
        }

        return run;
    }

    private static void AddPercentiles(JsonObject run, string name, List<double> values)
    {
        foreach (var p in new[] { 50, 90, 99 })
        {
            run[$"{name}_p{p}_ms"] = values.Count == 0 ? null : Round(Percentiles.Of(values, p));
        }
    }

    private static double Round(double value) => Math.Round(value, 3);
}
