using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Trinity.Tokenization.Templates;

/// <summary>JSON in and out of templates. Out: the <c>tojson</c> filter as Hugging Face defines it,
/// <c>json.dumps(value, ensure_ascii=False, indent=indent)</c>, byte for byte (", " and ": " separators, or "," and
/// newlines with an indent). In: JSON values (messages, tools) as template values, object key order kept.</summary>
internal static class JinjaJson
{
    public static string Serialize(object? value, int? indent)
    {
        var builder = new StringBuilder();
        Write(builder, value, indent, 0);
        return builder.ToString();
    }

    public static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToDictionary(element),
        JsonValueKind.Array => element.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static OrderedDictionary<string, object?> ToDictionary(JsonElement element)
    {
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = FromElement(property.Value);
        }

        return result;
    }

    private static void Write(StringBuilder builder, object? value, int? indent, int level)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case long l:
                builder.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : JinjaText.FormatFloat(d));
                break;
            case string s:
                WriteString(builder, s);
                break;
            case IList<object?> list:
                WriteContainer(builder, '[', ']', list.Count, indent, level, (i, _) => Write(builder, list[i], indent, level + 1));
                break;
            case OrderedDictionary<string, object?> dict:
                WriteContainer(builder, '{', '}', dict.Count, indent, level, (i, _) =>
                {
                    var (key, item) = dict.GetAt(i);
                    WriteString(builder, key);
                    builder.Append(": ");
                    Write(builder, item, indent, level + 1);
                });
                break;
            case JinjaNamespace ns:
                Write(builder, ns.Attributes, indent, level);
                break;
            default:
                throw new ChatTemplateException($"Chat template error: {JinjaValues.TypeName(value)} is not JSON serializable.");
        }
    }

    private static void WriteContainer(StringBuilder builder, char open, char close, int count, int? indent, int level, Action<int, int> writeItem)
    {
        builder.Append(open);
        if (count == 0)
        {
            builder.Append(close);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (indent is { } width)
            {
                builder.Append(i == 0 ? "\n" : ",\n").Append(' ', width * (level + 1));
            }
            else if (i > 0)
            {
                builder.Append(", ");
            }

            writeItem(i, level);
        }

        if (indent is { } closing)
        {
            builder.Append('\n').Append(' ', closing * level);
        }

        builder.Append(close);
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
