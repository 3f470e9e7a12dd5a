using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Load;

/// <summary>The readable side of a workload command: a table of every run by kind, then each policy's goodput and
/// attainment against the first policy's at the same rate.</summary>
internal static class WorkloadPrinter
{
    public static void Print(IReadOnlyList<WorkloadRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240;
        }

        var table = new Table().AddColumns("policy", "rate", "kind", "req", "429", "err", "TTFT p50/p99", "TPOT p50/p99", "TTFT met", "TPOT met", "SLO met", "goodput/s", "pool decode p50/p99", "pool prefill p50/p99");
        foreach (var record in runs.SelectMany(r => r.Records))
        {
            table.AddRow(
                Cell(record["policy"]), Cell(record["rate"]), Cell(record["kind"]), Cell(record["requests"]), Cell(record["refused"]), Cell(record["errors"]),
                Pair(record, "ttft_p50_ms", "ttft_p99_ms"), Pair(record, "tpot_p50_ms", "tpot_p99_ms"),
                Cell(record["ttft_attainment"]), Cell(record["tpot_attainment"]), Cell(record["slo_attainment"]), Cell(record["goodput_rps"]),
                Pair(record, "pool_decode_p50_ms", "pool_decode_p99_ms"), Pair(record, "pool_prefill_p50_ms", "pool_prefill_p99_ms"));
        }

        AnsiConsole.Write(table);
        foreach (var group in runs.GroupBy(r => (r.Rate, r.Repeat)))
        {
            var baseline = group.First();
            foreach (var run in group.Skip(1))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rate {group.Key.Rate:0.##}/s: goodput {run.Policy}/{baseline.Policy} = {Ratio(run, baseline, "goodput_rps")}; "
                    + $"TPOT attainment {run.Policy} {Field(run, "tpot_attainment")} vs {baseline.Policy} {Field(baseline, "tpot_attainment")}; "
                    + $"SLO attainment {Field(run, "slo_attainment")} vs {Field(baseline, "slo_attainment")}"));
            }
        }

        foreach (var record in runs.SelectMany(r => r.Records).Where(r => r["kind"]?.ToString() == "all" && r.ContainsKey("first_error")))
        {
            Console.WriteLine($"{record["policy"]} at {record["rate"]}/s: {record["errors"]} errors, first: {record["first_error"]}");
        }
    }

    private static string Ratio(WorkloadRun run, WorkloadRun baseline, string field)
    {
        var over = run.Records[0][field]?.GetValue<double>() ?? double.NaN;
        var under = baseline.Records[0][field]?.GetValue<double>() ?? double.NaN;
        return under > 0 ? (over / under).ToString("0.00", CultureInfo.InvariantCulture) : "-";
    }

    private static string Field(WorkloadRun run, string field) => Cell(run.Records[0][field]);

    private static string Pair(JsonObject record, string first, string second) => $"{Cell(record[first])} / {Cell(record[second])}";

    private static string Cell(JsonNode? node) => HtmlReport.Cell(node);
}
