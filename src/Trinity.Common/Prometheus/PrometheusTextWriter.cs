using System.Globalization;
using System.Text;

namespace Trinity.Common.Prometheus;

/// <summary>Writes metric families in the Prometheus text exposition format 0.0.4.</summary>
internal static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes one family: HELP, TYPE, then its samples; families without samples are left out.</summary>
    public static void WriteFamily(StringBuilder output, string name, string? help, MetricKind kind, double[] bounds, IReadOnlyList<(InstrumentState Instrument, List<MetricSeries> Series)> parts)
    {
        if (parts.All(p => p.Series.Count == 0))
        {
            return;
        }

        output.Append("# HELP ").Append(name).Append(' ').Append(PrometheusNaming.EscapeHelp(string.IsNullOrEmpty(help) ? name : help)).Append('\n');
        output.Append("# TYPE ").Append(name).Append(' ').Append(TypeName(kind)).Append('\n');
        foreach (var (instrument, seriesList) in parts)
        {
            var constantTags = ConstantTags(instrument);
            foreach (var series in seriesList)
            {
                var labels = Labels(constantTags, series.Tags);
                if (kind != MetricKind.Histogram)
                {
                    Sample(output, name, labels, null, series.Value);
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < series.BucketCounts.Length; i++)
                {
                    cumulative += series.BucketCounts[i];
                    var le = i < bounds.Length ? Format(bounds[i]) : "+Inf";
                    Sample(output, name + "_bucket", labels, le, cumulative);
                }

                Sample(output, name + "_sum", labels, null, series.Value);
                Sample(output, name + "_count", labels, null, series.Count);
            }
        }
    }

    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static string TypeName(MetricKind kind) => kind switch
    {
        MetricKind.Counter or MetricKind.ObservedCounter => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    private static KeyValuePair<string, object?>[] ConstantTags(InstrumentState state)
    {
        var meterTags = state.Instrument.Meter.Tags ?? [];
        var instrumentTags = state.Instrument.Tags ?? [];
        return [.. meterTags, .. instrumentTags];
    }

    /// <summary>Label pairs in a stable order; a measurement tag overrides a constant one of the same name.</summary>
    private static List<KeyValuePair<string, string>> Labels(KeyValuePair<string, object?>[] constant, KeyValuePair<string, object?>[] tags)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in constant.Concat(tags))
        {
            var name = PrometheusNaming.LabelName(tag.Key);
            if (name != "le")
            {
                labels[name] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return [.. labels];
    }

    private static void Sample(StringBuilder output, string name, List<KeyValuePair<string, string>> labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            output.Append('{');
            var first = true;
            foreach (var (key, text) in labels)
            {
                if (!first)
                {
                    output.Append(',');
                }

                first = false;
                output.Append(key).Append("=\"").Append(PrometheusNaming.EscapeLabelValue(text)).Append('"');
            }

            if (le is not null)
            {
                output.Append(first ? string.Empty : ",").Append("le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(Format(value)).Append('\n');
    }
}
