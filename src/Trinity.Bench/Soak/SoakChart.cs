using System.Globalization;
using System.Text;

namespace Trinity.Bench.Soak;

/// <summary>The soak's picture: RSS and GC heap (MiB) over time as an SVG line chart, the warm-up shaded and the
/// allowed growth over the baseline drawn as a dashed line.</summary>
internal static class SoakChart
{
    private const int Width = 800;
    private const int Height = 360;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 40;

    public static string Render(IReadOnlyList<ProcessSample> samples, double warmUpS, double baselineRssBytes, double maxGrowth, string title)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var maxX = Math.Max(1, samples.Count == 0 ? 1 : samples[^1].ElapsedS);
        var maxY = Math.Max(1, samples.Select(s => Math.Max(s.RssBytes, s.GcHeapBytes)).DefaultIfEmpty(1).Max() / Mib * 1.15);
        maxY = Math.Max(maxY, baselineRssBytes / Mib * (1 + maxGrowth) * 1.05);
        double X(double s) => Left + (s / maxX * (Width - Left - Right));
        double Y(double mib) => Height - Bottom - (mib / maxY * (Height - Top - Bottom));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">""").AppendLine();
        svg.AppendLine("""<rect width="100%" height="100%" fill="white"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left}" y="{Top}" width="{X(warmUpS) - Left:0.#}" height="{Height - Top - Bottom}" fill="#eeeeee"/>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + 4}" y="{Top + 14}" fill="#777">warm-up</text>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="18" text-anchor="middle" font-size="14">{Escape(title)}</text>""").AppendLine();
        for (var i = 0; i <= 4; i++)
        {
            var mib = maxY * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Y(mib):0.#}" x2="{Width - Right}" y2="{Y(mib):0.#}" stroke="#ddd"/><text x="{Left - 6}" y="{Y(mib) + 4:0.#}" text-anchor="end">{mib:0}</text>""").AppendLine();
            var s = maxX * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(s):0.#}" y="{Height - Bottom + 16}" text-anchor="middle">{s / 60:0.#} min</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="14" y="{Height / 2}" transform="rotate(-90 14 {Height / 2})" text-anchor="middle">MiB</text>""").AppendLine();
        if (baselineRssBytes > 0)
        {
            var limit = baselineRssBytes / Mib * (1 + maxGrowth);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{X(warmUpS):0.#}" y1="{Y(limit):0.#}" x2="{Width - Right}" y2="{Y(limit):0.#}" stroke="#c00" stroke-dasharray="6 4"/><text x="{Width - Right - 4}" y="{Y(limit) - 4:0.#}" text-anchor="end" fill="#c00">RSS limit (+{maxGrowth:P0} over baseline)</text>""").AppendLine();
        }

        Line(svg, samples.Select(s => (X(s.ElapsedS), Y(s.RssBytes / Mib))), "#1f77b4");
        Line(svg, samples.Where(s => s.GcHeapBytes >= 0).Select(s => (X(s.ElapsedS), Y(s.GcHeapBytes / Mib))), "#2ca02c");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + 10}" y="{Height - 8}" fill="#1f77b4">— RSS</text><text x="{Left + 80}" y="{Height - 8}" fill="#2ca02c">— GC heap</text>""").AppendLine();
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private const double Mib = 1024 * 1024;

    private static void Line(StringBuilder svg, IEnumerable<(double X, double Y)> points, string color)
    {
        var path = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
        if (path.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>""").AppendLine();
        }
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
