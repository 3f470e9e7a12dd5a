using System.Text.Json;

namespace Trinity.Tests.Gateway.OpenAi;

/// <summary>An independent check of the JSON Schema keywords the structured-output tests use (type, enum, const,
/// properties, required, additionalProperties, items, minItems, maxItems, maxLength, minimum, maximum, local $ref,
/// anyOf), written against the specification rather than the grammar compiler.</summary>
internal static class SchemaAssert
{
    public static void Valid(JsonElement schema, JsonElement value) => Check(schema, value, schema, "#");

    private static void Check(JsonElement schema, JsonElement value, JsonElement root, string path)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target.GetProperty(part);
            }

            Check(target, value, root, path);
            return;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            Assert.True(anyOf.EnumerateArray().Any(s => Passes(s, value, root)), $"{path}: matches no anyOf branch");
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            Assert.Contains(values.EnumerateArray(), v => JsonElement.DeepEquals(v, value));
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            Assert.True(JsonElement.DeepEquals(constant, value), $"{path}: not the const");
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var ok = type.GetString() switch
            {
                "object" => value.ValueKind == JsonValueKind.Object,
                "array" => value.ValueKind == JsonValueKind.Array,
                "string" => value.ValueKind == JsonValueKind.String,
                "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
                "number" => value.ValueKind == JsonValueKind.Number,
                "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "null" => value.ValueKind == JsonValueKind.Null,
                _ => false,
            };
            Assert.True(ok, $"{path}: {value.GetRawText()} is not of type {type.GetString()}");
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            Assert.True(!schema.TryGetProperty("minimum", out var min) || number >= min.GetDouble(), $"{path}: below minimum");
            Assert.True(!schema.TryGetProperty("maximum", out var max) || number <= max.GetDouble(), $"{path}: above maximum");
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("maxLength", out var maxLength))
        {
            Assert.True(value.GetString()!.EnumerateRunes().Count() <= maxLength.GetInt32(), $"{path}: too long");
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var items = value.EnumerateArray().ToArray();
            Assert.True(!schema.TryGetProperty("minItems", out var minItems) || items.Length >= minItems.GetInt32(), $"{path}: too few items");
            Assert.True(!schema.TryGetProperty("maxItems", out var maxItems) || items.Length <= maxItems.GetInt32(), $"{path}: too many items");
            if (schema.TryGetProperty("items", out var itemSchema))
            {
                for (var i = 0; i < items.Length; i++)
                {
                    Check(itemSchema, items[i], root, $"{path}/{i}");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [])
            {
                Assert.True(value.TryGetProperty(required, out _), $"{path}: missing {required}");
            }

            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(propertySchema, property.Value, root, $"{path}/{property.Name}");
                }
                else
                {
                    Assert.False(schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False, $"{path}: unexpected {property.Name}");
                }
            }
        }
    }

    private static bool Passes(JsonElement schema, JsonElement value, JsonElement root)
    {
        try
        {
            Check(schema, value, root, "#");
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }
}
