using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Trinity.Bench.Reports;

/// <summary>A self-contained HTML page (inline SVG and CSS, no scripts) with a run's picture and its records as tables:
/// one table of the overall rows, one of the rows per request kind.</summary>
internal static class HtmlReport
{
    private static readonly (string Field, string Header)[] OverallColumns =
    [
        ("policy", "policy"), ("rate", "rate/s"), ("requests", "req"), ("refused", "429"), ("errors", "err"),
        ("ttft_p50_ms", "TTFT p50"), ("ttft_p99_ms", "TTFT p99"), ("tpot_p50_ms", "TPOT p50"), ("tpot_p99_ms", "TPOT p99"),
        ("ttft_attainment", "TTFT met"), ("tpot_attainment", "TPOT met"), ("slo_attainment", "SLO met"),
        ("throughput_rps", "req/s"), ("goodput_rps", "goodput/s"),
        ("pool_decode_p50_ms", "pool decode p50"), ("pool_decode_p99_ms", "pool decode p99"),
        ("pool_prefill_p50_ms", "pool prefill p50"), ("pool_prefill_p99_ms", "pool prefill p99"),
        ("pool_decode_deadline_misses", "decode misses"), ("pool_preemptions", "preemptions"),
    ];

    private static readonly (string Field, string Header)[] KindColumns =
    [
        ("policy", "policy"), ("rate", "rate/s"), ("kind", "kind"), ("slo_class", "SLO class"), ("requests", "req"), ("refused", "429"),
        ("ttft_p50_ms", "TTFT p50"), ("ttft_p99_ms", "TTFT p99"), ("tpot_p50_ms", "TPOT p50"), ("tpot_p99_ms", "TPOT p99"),
        ("ttft_attainment", "TTFT met"), ("tpot_attainment", "TPOT met"), ("slo_attainment", "SLO met"), ("goodput_rps", "goodput/s"), ("cache_hits", "cache hits"),
    ];

    public static string Render(string title, string? description, IReadOnlyList<JsonObject> runs, XElement picture)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(picture);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0 24px}")
            .Append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}th{background:#f4f4f4}")
            .Append("td:first-child,th:first-child{text-align:left}</style></head><body>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        if (description is not null)
        {
            html.Append("<p>").Append(Encode(description)).Append("</p>\n");
        }

        html.Append(picture.ToString(SaveOptions.DisableFormatting)).Append('\n');
        html.Append("<h2>Overall</h2>\n");
        Table(html, runs.Where(r => r["kind"]?.ToString() == "all"), OverallColumns);
        html.Append("<h2>Per request kind</h2>\n");
        Table(html, runs.Where(r => r["kind"]?.ToString() != "all"), KindColumns);
        html.Append("<p>Times in milliseconds. TTFT and SLO attainment count refused (429) and failed requests as misses; TPOT attainment is over completed requests. Pool latency is the gateway's <code>trinity_vector_search_duration_seconds</code> histogram over the run, by stage.</p>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, IEnumerable<JsonObject> rows, (string Field, string Header)[] columns)
    {
        html.Append("<table><tr>");
        foreach (var (_, header) in columns)
        {
            html.Append("<th>").Append(Encode(header)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var (field, _) in columns)
            {
                html.Append("<td>").Append(Encode(Cell(row[field]))).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>A value as the tables show it: numbers to three decimals at most, absent as a dash.</summary>
    public static string Cell(JsonNode? node) => node switch
    {
        null => "-",
        JsonValue value when value.TryGetValue<double>(out var number) => number.ToString("0.###", CultureInfo.InvariantCulture),
        _ => node.ToString(),
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
