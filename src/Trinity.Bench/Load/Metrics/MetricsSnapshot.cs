using System.Globalization;
using System.Text;

namespace Trinity.Bench.Load.Metrics;

/// <summary>
/// A scrape of a Prometheus text endpoint (format 0.0.4): every sample by series (name and labels). Two scrapes make a
/// delta (<see cref="Minus"/>), from which counters and histograms of one run are read.
/// </summary>
internal sealed class MetricsSnapshot
{
    private readonly Dictionary<string, (string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _series;

    private MetricsSnapshot(Dictionary<string, (string Name, IReadOnlyDictionary<string, string> Labels, double Value)> series) => _series = series;

    public static MetricsSnapshot Empty { get; } = new([]);

    public int Count => _series.Count;

    /// <summary>Parses the text exposition format; comments and malformed lines are skipped.</summary>
    public static MetricsSnapshot Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var series = new Dictionary<string, (string, IReadOnlyDictionary<string, string>, double)>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || PrometheusLine.Parse(line) is not { } sample)
            {
                continue;
            }

            series[Key(sample.Name, sample.Labels)] = sample;
        }

        return new MetricsSnapshot(series);
    }

    /// <summary>This scrape minus an earlier one, series by series (a series the earlier one lacks counts from 0).</summary>
    public MetricsSnapshot Minus(MetricsSnapshot before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var delta = new Dictionary<string, (string, IReadOnlyDictionary<string, string>, double)>(StringComparer.Ordinal);
        foreach (var (key, (name, labels, value)) in _series)
        {
            delta[key] = (name, labels, value - (before._series.TryGetValue(key, out var old) ? old.Value : 0));
        }

        return new MetricsSnapshot(delta);
    }

    /// <summary>Sum of the series of <paramref name="name"/> whose labels include every pair of <paramref name="match"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] match) => Matching(name, match).Sum(s => s.Value);

    /// <summary>Whether any series of <paramref name="name"/> exists.</summary>
    public bool Has(string name) => _series.Values.Any(s => s.Name == name);

    /// <summary>The cumulative buckets (<c>le</c>, count) of histogram <paramref name="name"/> (without <c>_bucket</c>) summed
    /// over the series matching <paramref name="match"/>, in increasing <c>le</c>, +Inf last.</summary>
    public List<(double Le, double Count)> Buckets(string name, params (string Label, string Value)[] match) =>
        Matching(name + "_bucket", match)
            .Where(s => s.Labels.ContainsKey("le"))
            .GroupBy(s => ParseLe(s.Labels["le"]))
            .Select(g => (Le: g.Key, Count: g.Sum(s => s.Value)))
            .OrderBy(b => b.Le)
            .ToList();

    private IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Matching(string name, (string Label, string Value)[] match) =>
        _series.Values.Where(s => s.Name == name && match.All(m => s.Labels.TryGetValue(m.Label, out var v) && v == m.Value));

    private static double ParseLe(string le) => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Key(string name, IReadOnlyDictionary<string, string> labels)
    {
        var key = new StringBuilder(name);
        foreach (var (label, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            key.Append('\u0001').Append(label).Append('=').Append(value);
        }

        return key.ToString();
    }
}
