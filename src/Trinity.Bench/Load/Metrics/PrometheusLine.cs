using System.Globalization;
using System.Text;

namespace Trinity.Bench.Load.Metrics;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",...} value [timestamp]</c>, label values
/// with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes.</summary>
internal static class PrometheusLine
{
    public static (string Name, IReadOnlyDictionary<string, string> Labels, double Value)? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var i = 0;
        while (i < line.Length && line[i] != '{' && !char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{' && !ParseLabels(line, ref i, labels))
        {
            return null;
        }

        var rest = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (name.Length == 0 || rest.Length == 0)
        {
            return null;
        }

        double value = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            _ => double.NaN,
        };
        return double.IsNaN(value) && rest[0] != "NaN" ? null : (name, labels, value);
    }

    /// <summary>Reads <c>{a="x",b="y"}</c> starting at the brace; leaves <paramref name="i"/> after the closing one.</summary>
    private static bool ParseLabels(string line, ref int i, Dictionary<string, string> labels)
    {
        i++;
        while (i < line.Length && line[i] != '}')
        {
            var eq = line.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"')
            {
                return false;
            }

            var label = line[i..eq].Trim().TrimStart(',').Trim();
            var value = new StringBuilder();
            var j = eq + 2;
            for (; j < line.Length && line[j] != '"'; j++)
            {
                if (line[j] == '\\' && j + 1 < line.Length)
                {
                    j++;
                    value.Append(line[j] == 'n' ? '\n' : line[j]);
                }
                else
                {
                    value.Append(line[j]);
                }
            }

            if (j >= line.Length)
            {
                return false;
            }

            labels[label] = value.ToString();
            i = j + 1;
            while (i < line.Length && (line[i] == ',' || char.IsWhiteSpace(line[i])))
            {
                i++;
            }
        }

        if (i >= line.Length)
        {
            return false;
        }

        i++;
        return true;
    }
}
