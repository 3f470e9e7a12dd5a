using System.Collections;
using System.Globalization;
using System.Text;

namespace Trinity.Tokenization.Templates;

/// <summary>How values print: Python's <c>str()</c> for <c>{{ value }}</c> and <c>~</c>, <c>repr()</c> inside containers.</summary>
internal static class JinjaText
{
    public static string ToText(object? value) => value switch
    {
        string s => s,
        JinjaUndefined => string.Empty,
        _ => Repr(value),
    };

    public static string Repr(object? value)
    {
        var builder = new StringBuilder();
        AppendRepr(builder, value);
        return builder.ToString();
    }

    /// <summary>Python's repr of a float: shortest round-trip digits, ".0" on whole numbers, exponent outside [1e-4, 1e16).</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e16))
        {
            var exponential = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
            var e = exponential.IndexOf('e', StringComparison.Ordinal);
            if (e < 0)
            {
                exponential = value.ToString("0.################e+00", CultureInfo.InvariantCulture);
                e = exponential.IndexOf('e', StringComparison.Ordinal);
            }

            var exponent = int.Parse(exponential.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return $"{exponential[..e]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            text = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static void AppendRepr(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("None");
                break;
            case JinjaUndefined:
                break;
            case bool b:
                builder.Append(b ? "True" : "False");
                break;
            case long l:
                builder.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(FormatFloat(d));
                break;
            case string s:
                AppendStringRepr(builder, s);
                break;
            case object?[] tuple:
                AppendSequence(builder, tuple, "(", tuple.Length == 1 ? ",)" : ")");
                break;
            case IList<object?> list:
                AppendSequence(builder, list, "[", "]");
                break;
            case OrderedDictionary<string, object?> dict:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in dict)
                {
                    builder.Append(first ? string.Empty : ", ");
                    AppendStringRepr(builder, key);
                    builder.Append(": ");
                    AppendRepr(builder, item);
                    first = false;
                }

                builder.Append('}');
                break;
            case JinjaNamespace ns:
                builder.Append("<Namespace ");
                builder.AppendJoin(", ", ns.Attributes.Select(pair => $"{pair.Key}={Repr(pair.Value)}"));
                builder.Append('>');
                break;
            default:
                builder.Append('<').Append(JinjaValues.TypeName(value)).Append('>');
                break;
        }
    }

    private static void AppendSequence(StringBuilder builder, IList<object?> items, string open, string close)
    {
        builder.Append(open);
        for (var i = 0; i < items.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ");
            AppendRepr(builder, items[i]);
        }

        builder.Append(close);
    }

    /// <summary>Python quotes with ' unless the text has ' and no ", and escapes backslash, the quote and controls.</summary>
    private static void AppendStringRepr(StringBuilder builder, string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7F)
                    {
                        builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append(quote);
    }
}
