using System.Globalization;
using System.Text;

namespace Trinity.Tokenization.Templates;

/// <summary>Reads a quoted string literal of a template with Python's escapes (<c>\n</c>, <c>\t</c>, <c>\uXXXX</c>...).</summary>
internal static class JinjaStringLiteral
{
    /// <summary>Reads from the opening quote at <paramref name="position"/> and leaves it after the closing one.</summary>
    public static string Read(string source, ref int position, char quote, Func<string, ChatTemplateException> error)
    {
        position++;
        var value = new StringBuilder();
        while (true)
        {
            if (position >= source.Length)
            {
                throw error("string literal is not closed");
            }

            var c = source[position++];
            if (c == quote)
            {
                return value.ToString();
            }

            if (c != '\\' || position >= source.Length)
            {
                value.Append(c);
                continue;
            }

            var escaped = source[position++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '0': value.Append('\0'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case '\\' or '\'' or '"': value.Append(escaped); break;
                case 'u' or 'x' or 'U':
                    var length = escaped == 'x' ? 2 : escaped == 'u' ? 4 : 8;
                    if (position + length > source.Length
                        || !int.TryParse(source.AsSpan(position, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw error($"bad \\{escaped} escape in string literal");
                    }

                    value.Append(char.ConvertFromUtf32(code));
                    position += length;
                    break;
                default:
                    // Python keeps unknown escapes as written.
                    value.Append('\\').Append(escaped);
                    break;
            }
        }
    }
}
