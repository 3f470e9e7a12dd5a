using System.Text.Json.Nodes;
using Trinity.Bench.Load.Workloads;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Load.OpenLoop;

/// <summary>
/// Turns one open-loop run into <c>serve</c> records (DESIGN.md §7): one with <c>kind = "all"</c> and one per request
/// kind, each flat, times in milliseconds. Latency percentiles are over completed requests; <c>slo_attainment</c> and
/// <c>ttft_attainment</c> are over every request sent (a refusal or failure misses); <c>tpot_attainment</c> is over
/// completed requests, so that it measures decoding rather than admission; throughput and goodput divide by the wall
/// time from the first arrival to the last answer.
/// </summary>
internal static class WorkloadSummary
{
    public static List<JsonObject> Summarise(string label, string policy, double rate, Workload workload, IReadOnlyList<WorkloadSample> samples, TimeSpan wall)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(samples);
        var seconds = Math.Max(wall.TotalSeconds, 1e-9);
        var classes = workload.Kinds.ToDictionary(k => k.Name, k => workload.Slo[k.Slo], StringComparer.Ordinal);
        var overall = Record(label, policy, "all", rate, samples, seconds, classes);
        var runs = new List<JsonObject> { overall };
        foreach (var kind in workload.Kinds)
        {
            var ofKind = samples.Where(s => s.Kind == kind.Name).ToList();
            var run = Record(label, policy, kind.Name, rate, ofKind, seconds, classes);
            run["slo_class"] = kind.Slo;
            run["slo_ttft_ms"] = classes[kind.Name].TtftMs;
            run["slo_tpot_ms"] = classes[kind.Name].TpotMs;
            runs.Add(run);
        }

        return runs;
    }

    private static JsonObject Record(string label, string policy, string kind, double rate, IReadOnlyList<WorkloadSample> samples, double seconds, Dictionary<string, WorkloadSlo> classes)
    {
        var completed = samples.Where(s => s.Completed).ToList();
        var outcomes = samples.Select(s => SloOutcome.Of(s, classes[s.Kind])).ToList();
        var good = outcomes.Count(o => o.Met);
        var run = new JsonObject
        {
            ["label"] = label,
            ["policy"] = policy,
            ["kind"] = kind,
            ["rate"] = rate,
            ["requests"] = samples.Count,
            ["completed"] = completed.Count,
            ["refused"] = samples.Count(s => s.Refused),
            ["errors"] = samples.Count(s => !s.Completed && !s.Refused),
        };
        AddPercentiles(run, "ttft", completed.Select(s => s.TtftMs).ToList());
        AddPercentiles(run, "tpot", completed.Where(s => s.TpotMs is not null).Select(s => s.TpotMs!.Value).ToList());
        AddPercentiles(run, "e2e", completed.Select(s => s.E2eMs).ToList());
        run["throughput_rps"] = Round(completed.Count / seconds);
        run["output_tokens_per_s"] = Round(completed.Sum(s => s.OutputTokens) / seconds);
        run["slo_attainment"] = Fraction(good, samples.Count);
        run["ttft_attainment"] = Fraction(outcomes.Count(o => o.TtftMet), samples.Count);
        run["tpot_attainment"] = Fraction(outcomes.Count(o => o.TpotMet), completed.Count);
        run["goodput_rps"] = Round(good / seconds);
        run["wall_s"] = Round(seconds);
        run["cache_hits"] = completed.Count(s => s.CacheStatus == "hit");
        var retrieval = completed.Where(s => s.RetrievalMs is not null).Select(s => s.RetrievalMs!.Value).ToList();
        if (retrieval.Count > 0)
        {
            run["retrieval_p50_ms"] = Round(Percentiles.Of(retrieval, 50));
            run["retrieval_p99_ms"] = Round(Percentiles.Of(retrieval, 99));
        }

        if (samples.Count > 0)
        {
            run["send_lag_p99_ms"] = Round(Percentiles.Of(samples.Select(s => s.SendLagMs).ToList(), 99));
        }

        if (samples.FirstOrDefault(s => !s.Completed && !s.Refused).Error is { } firstError)
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

    private static double? Fraction(int count, int of) => of == 0 ? null : Math.Round(count / (double)of, 4);

    private static double Round(double value) => Math.Round(value, 3);
}
