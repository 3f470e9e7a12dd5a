using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Trinity.Tests.Grammar;

/// <summary>
/// An independent JSON Schema validator for the subset the grammar supports, written from the specification and
/// sharing no code with the compiler: the property test's judge. Returns null when valid, else the first reason.
/// </summary>
internal sealed class SchemaValidator(JsonElement root)
{
    public string? Validate(JsonElement instance) => Check(root, instance, "#");

    private string? Check(JsonElement schema, JsonElement value, string at)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            return $"{at}: false schema";
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Check(Resolve(reference.GetString()!), value, at);
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => IsType(value, t)))
            {
                return $"{at}: not of type {type.GetRawText()}";
            }
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            return $"{at}: not the const";
        }

        if (schema.TryGetProperty("enum", out var list) && !list.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            return $"{at}: not in enum";
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Check(s, value, at) is null))
        {
            return $"{at}: no anyOf branch matches";
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Count(s => Check(s, value, at) is null) != 1)
        {
            return $"{at}: not exactly one oneOf branch matches";
        }

        if (schema.TryGetProperty("allOf", out var allOf) && allOf.EnumerateArray().Select(s => Check(s, value, at)).FirstOrDefault(e => e is not null) is { } allError)
        {
            return allError;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => CheckObject(schema, value, at),
            JsonValueKind.Array => CheckArray(schema, value, at),
            JsonValueKind.String => CheckString(schema, value.GetString()!, at),
            JsonValueKind.Number => CheckNumber(schema, value.GetDecimal(), at),
            _ => null,
        };
    }

    private string? CheckObject(JsonElement schema, JsonElement value, string at)
    {
        var names = value.EnumerateObject().Select(p => p.Name).ToList();
        var declared = schema.TryGetProperty("properties", out var declaredProperties) ? declaredProperties.EnumerateObject().Select(p => p.Name).ToList() : [];

        // The grammar keeps declared keys unique but does not track extra keys against each other (not regular);
        // a repeated declared key is a failure, a repeated extra key is the documented limitation.
        if (declared.Exists(d => names.Count(n => n == d) > 1))
        {
            return $"{at}: a declared key repeats";
        }

        if (schema.TryGetProperty("required", out var required) && required.EnumerateArray().FirstOrDefault(r => !names.Contains(r.GetString()!)) is { ValueKind: JsonValueKind.String } missing)
        {
            return $"{at}: missing {missing}";
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var member in value.EnumerateObject())
        {
            var sub = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var s) ? s
                : schema.TryGetProperty("additionalProperties", out var extra) ? extra : (JsonElement?)null;
            if (sub is { } memberSchema && Check(memberSchema, member.Value, $"{at}/{member.Name}") is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private string? CheckArray(JsonElement schema, JsonElement value, string at)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32() || schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            return $"{at}: {count} items out of bounds";
        }

        var prefix = schema.TryGetProperty("prefixItems", out var pi) ? pi.EnumerateArray().ToList() : [];
        var items = schema.TryGetProperty("items", out var it) ? it : (JsonElement?)null;
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var sub = index < prefix.Count ? prefix[index] : items;
            if (sub is { } s && Check(s, element, $"{at}/{index}") is { } error)
            {
                return error;
            }

            index++;
        }

        return null;
    }

    private static string? CheckString(JsonElement schema, string text, string at)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32() || schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
        {
            return $"{at}: length {length} out of bounds";
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.ECMAScript | RegexOptions.CultureInvariant))
        {
            return $"{at}: '{text}' does not match {pattern.GetString()}";
        }

        return schema.TryGetProperty("format", out var format) && !FormatHolds(format.GetString()!, text) ? $"{at}: '{text}' is not a {format}" : null;
    }

    private static bool FormatHolds(string format, string text) => format switch
    {
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "time" => Regex.IsMatch(text, @"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"),
        "date-time" => text.Length > 11 && text[10] == 'T' && FormatHolds("date", text[..10]) && FormatHolds("time", text[11..]),
        "uuid" => Guid.TryParseExact(text, "D", out _),
        "ipv4" => text.Split('.') is { Length: 4 } parts && parts.All(o => o.Length > 0 && (o == "0" || o[0] != '0') && int.TryParse(o, out var v) && v <= 255),
        _ => false,
    };

    private static string? CheckNumber(JsonElement schema, decimal value, string at)
    {
        bool Bound(string keyword, Func<decimal, bool> holds) => !schema.TryGetProperty(keyword, out var b) || holds(b.GetDecimal());
        return Bound("minimum", m => value >= m) && Bound("maximum", m => value <= m) && Bound("exclusiveMinimum", m => value > m) && Bound("exclusiveMaximum", m => value < m)
            ? null
            : $"{at}: {value} out of bounds";
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetDecimal() == decimal.Truncate(value.GetDecimal()),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private JsonElement Resolve(string pointer)
    {
        var current = root;
        foreach (var part in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return current;
    }
}
