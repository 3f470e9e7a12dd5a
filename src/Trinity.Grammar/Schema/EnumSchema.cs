using System.Text.Json;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary><c>enum</c> and <c>const</c>: each allowed value in its one compact spelling, filtered by <c>type</c>.</summary>
internal static class EnumSchema
{
    public static Fragment Compile(JsonSchemaCompiler compiler, JsonElement schema, List<string> validity, string path)
    {
        var other = validity.FirstOrDefault(k => k is not ("enum" or "const" or "type"));
        if (other is not null)
        {
            throw new GrammarCompileException(other, path, "keywords beside enum/const other than type are not supported");
        }

        var values = new List<JsonElement>();
        if (schema.TryGetProperty("const", out var constant))
        {
            values.Add(constant);
        }

        if (schema.TryGetProperty("enum", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new GrammarCompileException("enum", path, "must be an array");
            }

            var allowed = list.EnumerateArray().Select(JsonText.Of).ToList();
            values = values.Count == 0
                ? list.EnumerateArray().ToList()
                : values.Where(v => allowed.Exists(a => a.AsSpan().SequenceEqual(JsonText.Of(v)))).ToList();
        }

        var types = schema.TryGetProperty("type", out _) ? SchemaTypes.Of(schema, path) : null;
        var parts = values
            .Where(v => types is null || types.Any(t => HasType(v, t)))
            .Select(v => JsonText.Of(v))
            .DistinctBy(Convert.ToBase64String)
            .Select(bytes => compiler.Nfa.Literal(bytes))
            .ToArray();
        return parts.Length == 0 ? compiler.Nfa.Nothing() : compiler.Nfa.Choice(parts);
    }

    private static bool HasType(JsonElement value, string type) => (type, value.ValueKind) switch
    {
        ("object", JsonValueKind.Object) or ("array", JsonValueKind.Array) or ("string", JsonValueKind.String) => true,
        ("number", JsonValueKind.Number) or ("boolean", JsonValueKind.True or JsonValueKind.False) or ("null", JsonValueKind.Null) => true,
        ("integer", JsonValueKind.Number) => value.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        _ => false,
    };
}
