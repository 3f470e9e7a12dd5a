using System.Text.Json;
using Trinity.Contracts;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>
/// <c>response_format</c>: <c>text</c> (free), <c>json_object</c> (any JSON object) or <c>json_schema</c> (a value valid
/// against <c>json_schema.schema</c>), the last two enforced by constrained decoding whatever <c>strict</c> says. Unlike
/// OpenAI, <c>json_object</c> does not require the word "JSON" in the messages.
/// </summary>
internal static class ResponseFormatReader
{
    public static TokenConstraint? Read(JsonElement? responseFormat, string param = "response_format")
    {
        if (responseFormat is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        JsonFields.Object(element, param);
        var type = JsonFields.RequiredString(element, "type", $"{param}.type");
        switch (type)
        {
            case "text":
                return null;
            case "json_object":
                return TokenConstraint.JsonObject;
            case "json_schema":
                var schemaParam = $"{param}.json_schema";
                var definition = JsonFields.OptionalObject(element, "json_schema", schemaParam) ?? throw PipelineErrors.MissingParameter(schemaParam);
                var name = JsonFields.RequiredString(definition, "name", $"{schemaParam}.name");
                if (!JsonFields.IsName(name))
                {
                    throw PipelineErrors.Invalid(
                        $"Invalid '{schemaParam}.name': '{name}'. Expected a string of 1 to 64 letters, digits, underscores or dashes.",
                        $"{schemaParam}.name",
                        "invalid_value");
                }

                JsonFields.OptionalBool(definition, "strict", $"{schemaParam}.strict");
                JsonFields.OptionalString(definition, "description", $"{schemaParam}.description");
                if (JsonFields.OptionalObject(definition, "schema", $"{schemaParam}.schema") is not { } schema)
                {
                    // OpenAI makes the schema optional; without one the answer is any JSON object.
                    return TokenConstraint.JsonObject;
                }

                var text = schema.GetRawText();
                SchemaCheck.Compile(text, $"{schemaParam}.schema");
                return TokenConstraint.JsonSchema(text);
            default:
                throw PipelineErrors.Invalid(
                    $"Invalid value for '{param}.type': '{type}'. Supported values are: 'text', 'json_object' and 'json_schema'.",
                    $"{param}.type",
                    "invalid_value");
        }
    }
}
