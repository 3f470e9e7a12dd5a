using System.Globalization;
using System.Xml.Linq;

namespace Trinity.Bench.Reports;

/// <summary>
/// A self-contained SVG (no scripts, no fonts to fetch) of the TTFT and TPOT distributions of several runs: two
/// panels of empirical CDFs on a logarithmic millisecond axis, one step curve per run, the SLO targets as dashed lines.
/// Built as XML, so it is well formed whatever the labels hold.
/// </summary>
internal static class CdfChart
{
    private const double PanelWidth = 460;
    private const double PanelHeight = 300;
    private const double Left = 60;
    private const double Top = 50;
    private const double Gap = 90;
    private const int MaxPoints = 400;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string[] Colors = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    public static XElement Render(string title, IReadOnlyList<CdfSeries> series, IReadOnlyList<SloMarker> ttftTargets, IReadOnlyList<SloMarker> tpotTargets)
    {
        ArgumentNullException.ThrowIfNull(series);
        var legendHeight = 22 * series.Count;
        var width = Left + (2 * PanelWidth) + Gap + 30;
        var height = Top + PanelHeight + 60 + legendHeight;
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", F(width)), new XAttribute("height", F(height)),
            new XAttribute("viewBox", $"0 0 {F(width)} {F(height)}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "12"),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")),
            Text(Left, 24, title, 15, "start", "bold"));
        svg.Add(Panel("ttft", "TTFT (ms, log scale)", Left, series.Select(s => s.TtftMs).ToList(), series, ttftTargets));
        svg.Add(Panel("tpot", "TPOT (ms, log scale)", Left + PanelWidth + Gap, series.Select(s => s.TpotMs).ToList(), series, tpotTargets));
        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"));
        for (var i = 0; i < series.Count; i++)
        {
            var y = Top + PanelHeight + 50 + (22 * i);
            legend.Add(new XElement(Svg + "line", Attr("x1", Left), Attr("x2", Left + 30), Attr("y1", y), Attr("y2", y),
                new XAttribute("stroke", Color(i)), new XAttribute("stroke-width", "2.5")));
            legend.Add(Text(Left + 38, y + 4, series[i].Note is { } note ? $"{series[i].Name}: {note}" : series[i].Name, 12, "start"));
        }

        svg.Add(legend);
        return svg;
    }

    private static XElement Panel(string metric, string axisTitle, double x0, List<IReadOnlyList<double>> values, IReadOnlyList<CdfSeries> series, IReadOnlyList<SloMarker> targets)
    {
        var finite = values.SelectMany(v => v).Where(v => double.IsFinite(v) && v > 0).ToList();
        var markers = targets.Where(t => t.Ms > 0 && double.IsFinite(t.Ms)).ToList();

        // The axis starts at the decade of the 1st percentile: a few near-zero values (tokens that arrived together)
        // would otherwise stretch it over empty decades; they are drawn at its left edge.
        var first = finite.Count == 0 ? 1 : Percentiles.Of(finite, 1);
        var low = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(0.01, markers.Select(m => m.Ms).Append(first).Min()))));
        var high = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(low * 10, finite.Concat(markers.Select(m => m.Ms)).DefaultIfEmpty(10).Max()))));
        double X(double ms) => x0 + (PanelWidth * (Math.Log10(Math.Clamp(ms, low, high)) - Math.Log10(low)) / (Math.Log10(high) - Math.Log10(low)));
        double Y(double fraction) => Top + (PanelHeight * (1 - fraction));
        var panel = new XElement(Svg + "g", new XAttribute("class", "panel"), new XAttribute("data-metric", metric),
            new XElement(Svg + "rect", Attr("x", x0), Attr("y", Top), Attr("width", PanelWidth), Attr("height", PanelHeight),
                new XAttribute("fill", "none"), new XAttribute("stroke", "#888")));
        for (var decade = low; decade <= high * 1.0001; decade *= 10)
        {
            foreach (var step in new[] { 1, 2, 5 })
            {
                var tick = decade * step;
                if (tick > high * 1.0001)
                {
                    break;
                }

                panel.Add(Line(X(tick), Top, X(tick), Top + PanelHeight, step == 1 ? "#ddd" : "#f0f0f0"));
                panel.Add(Text(X(tick), Top + PanelHeight + 16, tick.ToString("0.##", CultureInfo.InvariantCulture), 10, "middle"));
            }
        }

        foreach (var fraction in new[] { 0, 0.25, 0.5, 0.75, 0.9, 1 })
        {
            panel.Add(Line(x0, Y(fraction), x0 + PanelWidth, Y(fraction), "#eee"));
            panel.Add(Text(x0 - 6, Y(fraction) + 4, fraction.ToString("0.##", CultureInfo.InvariantCulture), 10, "end"));
        }

        panel.Add(Text(x0 + (PanelWidth / 2), Top + PanelHeight + 34, axisTitle, 12, "middle"));
        panel.Add(Text(x0 - 44, Top + (PanelHeight / 2), "fraction of requests", 11, "middle", transform: $"rotate(-90 {F(x0 - 44)} {F(Top + (PanelHeight / 2))})"));
        for (var i = 0; i < series.Count; i++)
        {
            panel.Add(Curve(values[i], X, Y, Color(i), series[i].Name));
        }

        foreach (var (marker, i) in markers.Select((m, i) => (m, i)))
        {
            var line = Line(X(marker.Ms), Top, X(marker.Ms), Top + PanelHeight, "#333");
            line.Add(new XAttribute("stroke-dasharray", "5 4"), new XAttribute("class", "slo"));
            panel.Add(line);
            // Labels sit low in the panel, where CDFs are usually left of their targets, with a white halo; those of
            // lines in the right part go on the line's left, so they stay inside the picture.
            var right = X(marker.Ms) > x0 + (PanelWidth * 0.6);
            var label = Text(X(marker.Ms) + (right ? -4 : 4), Top + PanelHeight - 8 - (14 * i), marker.Label, 10, right ? "end" : "start");
            label.Add(new XAttribute("stroke", "white"), new XAttribute("stroke-width", "3"), new XAttribute("paint-order", "stroke"));
            panel.Add(label);
        }

        return panel;
    }

    /// <summary>The empirical CDF as a step polyline: the i-th smallest of n values at height i/n; unfinished requests
    /// (infinite) count in n but are never reached. Long runs are thinned to <see cref="MaxPoints"/> steps.</summary>
    private static XElement Curve(IReadOnlyList<double> values, Func<double, double> x, Func<double, double> y, string color, string name)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        var points = new List<string>();
        var finite = sorted.Count(double.IsFinite);
        var stride = Math.Max(1, (finite + MaxPoints - 1) / MaxPoints);
        var previous = 0.0;
        for (var i = 0; i < finite; i += stride)
        {
            var at = i + stride >= finite ? finite - 1 : i;
            var fraction = (at + 1) / (double)sorted.Length;
            points.Add($"{F(x(sorted[at]))},{F(y(previous))}");
            points.Add($"{F(x(sorted[at]))},{F(y(fraction))}");
            previous = fraction;
        }

        return new XElement(Svg + "polyline", new XAttribute("class", "cdf"), new XAttribute("data-series", name),
            new XAttribute("points", string.Join(' ', points)), new XAttribute("fill", "none"),
            new XAttribute("stroke", color), new XAttribute("stroke-width", "2"));
    }

    private static string Color(int index) => Colors[index % Colors.Length];

    private static XElement Line(double x1, double y1, double x2, double y2, string stroke) =>
        new(Svg + "line", Attr("x1", x1), Attr("y1", y1), Attr("x2", x2), Attr("y2", y2), new XAttribute("stroke", stroke));

    private static XElement Text(double x, double y, string text, int size, string anchor, string? weight = null, string? transform = null)
    {
        var element = new XElement(Svg + "text", Attr("x", x), Attr("y", y), new XAttribute("font-size", size), new XAttribute("text-anchor", anchor), text);
        if (weight is not null)
        {
            element.Add(new XAttribute("font-weight", weight));
        }

        if (transform is not null)
        {
            element.Add(new XAttribute("transform", transform));
        }

        return element;
    }

    private static XAttribute Attr(string name, double value) => new(name, F(value));

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
