using System.Text.Json;

namespace Trinity.Grammar.Schema;

/// <summary>The JSON types a schema's value may take: its <c>type</c>, or else the types its keywords speak of.</summary>
internal static class SchemaTypes
{
    /// <summary>The types to generate. With no <c>type</c>, a schema allows every type, but emitting only the types
    /// its keywords constrain (<c>properties</c> → object) is still valid and is what the author meant.</summary>
    public static IReadOnlyList<string> Of(JsonElement schema, string path)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind switch
            {
                JsonValueKind.String => [type.GetString()!],
                JsonValueKind.Array => type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : "").ToList(),
                _ => [""],
            };
            foreach (var name in names)
            {
                if (!SchemaKeywords.AllTypes.Contains(name))
                {
                    throw new GrammarCompileException("type", path, $"unknown type '{name}'");
                }
            }

            return names.Count == 0 ? throw new GrammarCompileException("type", path, "an empty type list admits no value") : names.Distinct().ToList();
        }

        var inferred = new List<string>();
        void InferFrom(string[] keywords, string name)
        {
            if (keywords.Any(k => schema.TryGetProperty(k, out _)))
            {
                inferred.Add(name);
            }
        }

        InferFrom(SchemaKeywords.ObjectKeywords, "object");
        InferFrom(SchemaKeywords.ArrayKeywords, "array");
        InferFrom(SchemaKeywords.StringKeywords, "string");
        InferFrom(SchemaKeywords.NumberKeywords, "number");
        return inferred.Count > 0 ? inferred : ["object", "array", "string", "number", "boolean", "null"];
    }
}
