namespace Trinity.Grammar.Schema;

/// <summary>The keywords the compiler knows: annotations it ignores, and the ones it honours. Any other keyword is
/// refused, since silently ignoring a keyword that changes validity would let the model emit invalid output.</summary>
internal static class SchemaKeywords
{
    public static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "examples", "default", "$schema", "$id", "$comment", "deprecated", "readOnly", "writeOnly",
        "$defs", "definitions",
    };

    public static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref",
        "properties", "required", "additionalProperties",
        "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
        "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    };

    public static readonly string[] ObjectKeywords = ["properties", "required", "additionalProperties"];

    public static readonly string[] ArrayKeywords = ["items", "prefixItems", "minItems", "maxItems", "uniqueItems"];

    public static readonly string[] StringKeywords = ["minLength", "maxLength", "pattern", "format"];

    public static readonly string[] NumberKeywords = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];

    public static readonly string[] AllTypes = ["object", "array", "string", "number", "integer", "boolean", "null"];
}
