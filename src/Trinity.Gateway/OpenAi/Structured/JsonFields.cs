using System.Text.Json;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>Typed reads of the free-form JSON parameters (<c>response_format</c>, <c>tools</c>, <c>tool_choice</c>) with
/// OpenAI-shaped errors naming the full parameter path.</summary>
internal static class JsonFields
{
    public static JsonElement Object(JsonElement element, string param) =>
        element.ValueKind == JsonValueKind.Object ? element : throw PipelineErrors.InvalidType(param, "an object");

    public static JsonElement? OptionalObject(JsonElement parent, string name, string param) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Object(value, param) : null;

    public static string RequiredString(JsonElement parent, string name, string param) =>
        OptionalString(parent, name, param) ?? throw PipelineErrors.MissingParameter(param);

    public static string? OptionalString(JsonElement parent, string name, string param)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw PipelineErrors.InvalidType(param, "a string");
    }

    public static bool? OptionalBool(JsonElement parent, string name, string param)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw PipelineErrors.InvalidType(param, "a boolean");
    }

    /// <summary>Whether a function or schema name has OpenAI's shape: 1 to 64 of a-z, A-Z, 0-9, underscore, dash.</summary>
    public static bool IsName(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                return false;
            }
        }

        return true;
    }
}
