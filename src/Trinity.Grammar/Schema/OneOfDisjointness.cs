using System.Text.Json;

namespace Trinity.Grammar.Schema;

/// <summary>
/// <c>oneOf</c> is compiled as a choice, which is exact only when no value matches two branches. This check proves
/// it cheaply or refuses the schema: branches must differ in JSON type, in enum/const values, or (objects) in the
/// const/enum values of a property both require (a discriminator, as Pydantic and OpenAPI write unions).
/// </summary>
internal static class OneOfDisjointness
{
    private sealed record Signature(HashSet<string> Kinds, HashSet<string>? Values, Dictionary<string, HashSet<string>> Tags);

    public static void Check(JsonSchemaCompiler compiler, JsonElement branches, string path)
    {
        var signatures = branches.EnumerateArray().Select(b => Sign(compiler, b, path, 0)).ToList();
        for (var i = 0; i < signatures.Count; i++)
        {
            for (var j = i + 1; j < signatures.Count; j++)
            {
                if (!Disjoint(signatures[i], signatures[j]))
                {
                    throw new GrammarCompileException("oneOf", path,
                        $"branches {i} and {j} may both match; use anyOf, or tell them apart by type, enum/const values or a required const property");
                }
            }
        }
    }

    private static bool Disjoint(Signature a, Signature b)
    {
        var common = a.Kinds.Intersect(b.Kinds).ToList();
        if (common.Count == 0 || (a.Values is not null && b.Values is not null && !a.Values.Overlaps(b.Values)))
        {
            return true;
        }

        return common is ["object"] && a.Tags.Any(t => b.Tags.TryGetValue(t.Key, out var other) && !t.Value.Overlaps(other));
    }

    private static Signature Sign(JsonSchemaCompiler compiler, JsonElement schema, string path, int depth)
    {
        var all = new HashSet<string>(["object", "array", "string", "number", "boolean", "null"]);
        if (schema.ValueKind != JsonValueKind.Object || depth > 16)
        {
            return new Signature(schema.ValueKind == JsonValueKind.False ? [] : all, null, []);
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            return Sign(compiler, compiler.Resolve(reference.GetString()!, path), path, depth + 1);
        }

        var values = Values(schema);
        if (values is not null)
        {
            var kinds = values.Select(v => JsonDocument.Parse(v).RootElement.ValueKind switch
            {
                JsonValueKind.Object => "object",
                JsonValueKind.Array => "array",
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.Null => "null",
                _ => "boolean",
            }).ToHashSet();
            return new Signature(kinds, values, []);
        }

        if (schema.TryGetProperty("anyOf", out _) || schema.TryGetProperty("oneOf", out _) || schema.TryGetProperty("allOf", out _))
        {
            return new Signature(all, null, []);
        }

        var types = SchemaTypes.Of(schema, path).Select(t => t == "integer" ? "number" : t).ToHashSet();
        var tags = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!))
            {
                if (properties.TryGetProperty(name, out var property) && Sign(compiler, property, path, depth + 1).Values is { } tagValues)
                {
                    tags[name] = tagValues;
                }
            }
        }

        return new Signature(types, null, tags);
    }

    private static HashSet<string>? Values(JsonElement schema)
    {
        HashSet<string>? values = null;
        if (schema.TryGetProperty("const", out var constant))
        {
            values = [Canonical(constant)];
        }

        if (schema.TryGetProperty("enum", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var listed = list.EnumerateArray().Select(Canonical).ToHashSet();
            values = values is null ? listed : values.Intersect(listed).ToHashSet();
        }

        return values;
    }

    /// <summary>A value's spelling for comparison: numbers normalised, so 1 and 1.0 are one value.</summary>
    private static string Canonical(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d)
            ? (d / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : System.Text.Encoding.UTF8.GetString(JsonText.Of(value));
}
