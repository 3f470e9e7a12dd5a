using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trinity.Grammar.Schema;

/// <summary>The one spelling the grammar emits for a known JSON value: compact, strings escaped only where JSON
/// requires (so a key like <c>café</c> stays raw UTF-8, as a model writes it).</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static byte[] Of(JsonElement value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            value.WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>A property name as a JSON string literal, quotes included.</summary>
    public static byte[] Key(string name)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in name)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '\b' => builder.Append("\\b"),
                '\f' => builder.Append("\\f"),
                < ' ' => builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return Encoding.UTF8.GetBytes(builder.Append('"').ToString());
    }
}
