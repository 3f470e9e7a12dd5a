using System.Text;

namespace Trinity.Common.Prometheus;

/// <summary>Maps instrument names and units to Prometheus names (<c>trinity.time_to_first_token</c> in <c>s</c> →
/// <c>trinity_time_to_first_token_seconds</c>; counters end in <c>_total</c>), as OpenTelemetry's Prometheus exporter
/// does. Kept because prometheus-net's MeterAdapter names a metric <c>{meter}_{instrument}</c> with no unit suffix and
/// no <c>_total</c> (<c>trinity_gateway_trinity_http_requests</c>), which would rename every exported series.</summary>
internal static class PrometheusNaming
{
    public static string MetricName(string instrumentName, string? unit, MetricKind kind)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (kind is MetricKind.Counter or MetricKind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string LabelName(string key)
    {
        var name = Sanitize(key, allowColon: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? "_" + name.TrimStart('_') : name;
    }

    /// <summary>Units in UCUM as OpenTelemetry writes them; <c>{token}</c>-style annotations carry no unit.</summary>
    internal static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => string.Empty,
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        _ when unit.StartsWith('{') => string.Empty,
        _ => Sanitize(unit, allowColon: false).Trim('_'),
    };

    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Sanitize(string value, bool allowColon)
    {
        var builder = new StringBuilder(value.Length + 1);
        foreach (var c in value)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            builder.Append(valid ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
