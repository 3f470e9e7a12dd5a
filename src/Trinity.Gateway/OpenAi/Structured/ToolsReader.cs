using System.Text.Json;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>Validates <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> into a <see cref="ToolPlan"/>:
/// function tools with OpenAI-shaped names and parameters that compile (errors name <c>tools[i].function.parameters</c>).</summary>
internal static class ToolsReader
{
    private const string EmptyParameters = """{"type":"object","properties":{}}""";

    /// <summary>The plan, or null when the request offers no tools.</summary>
    public static ToolPlan? Read(JsonElement? tools, JsonElement? toolChoice, bool? parallelToolCalls)
    {
        var hasTools = tools is { ValueKind: not JsonValueKind.Null };
        var choice = toolChoice is { ValueKind: not JsonValueKind.Null } c ? c : (JsonElement?)null;
        if (!hasTools)
        {
            if (choice is { } given && !(given.ValueKind == JsonValueKind.String && given.GetString() == "none"))
            {
                throw PipelineErrors.Invalid("Invalid 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", "tool_choice", "invalid_value");
            }

            return null;
        }

        var array = tools!.Value;
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw PipelineErrors.InvalidType("tools", "an array");
        }

        if (array.GetArrayLength() == 0)
        {
            // Some clients always send the field; an empty list offers nothing, as no list does.
            return choice is { ValueKind: JsonValueKind.String } none && none.GetString() is "none" or "auto" ? null
                : choice is null ? null
                : throw PipelineErrors.Invalid("Invalid 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", "tool_choice", "invalid_value");
        }

        var definitions = new List<ToolDefinition>();
        var i = 0;
        foreach (var tool in array.EnumerateArray())
        {
            definitions.Add(ReadTool(tool, $"tools[{i}]", definitions));
            i++;
        }

        var (mode, named) = ReadChoice(choice, definitions);
        return new ToolPlan(definitions, mode, named, parallelToolCalls ?? true, array.GetRawText());
    }

    private static ToolDefinition ReadTool(JsonElement tool, string param, List<ToolDefinition> earlier)
    {
        JsonFields.Object(tool, param);
        var type = JsonFields.RequiredString(tool, "type", $"{param}.type");
        if (type != "function")
        {
            throw PipelineErrors.Invalid($"Invalid value for '{param}.type': '{type}'. Supported values are: 'function'.", $"{param}.type", "invalid_value");
        }

        var function = JsonFields.OptionalObject(tool, "function", $"{param}.function") ?? throw PipelineErrors.MissingParameter($"{param}.function");
        var name = JsonFields.RequiredString(function, "name", $"{param}.function.name");
        if (!JsonFields.IsName(name))
        {
            throw PipelineErrors.Invalid(
                $"Invalid '{param}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.",
                $"{param}.function.name",
                "invalid_value");
        }

        if (earlier.Any(t => t.Name == name))
        {
            throw PipelineErrors.Invalid($"Invalid '{param}.function.name': the function '{name}' is defined twice.", $"{param}.function.name", "invalid_value");
        }

        JsonFields.OptionalString(function, "description", $"{param}.function.description");
        JsonFields.OptionalBool(function, "strict", $"{param}.function.strict");
        var parameters = JsonFields.OptionalObject(function, "parameters", $"{param}.function.parameters")?.GetRawText() ?? EmptyParameters;
        SchemaCheck.Compile(parameters, $"{param}.function.parameters");
        return new ToolDefinition(name, parameters);
    }

    private static (ToolChoiceMode Mode, string? Named) ReadChoice(JsonElement? choice, List<ToolDefinition> tools)
    {
        if (choice is not { } value)
        {
            return (ToolChoiceMode.Auto, null);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "none" => (ToolChoiceMode.None, null),
                "auto" => (ToolChoiceMode.Auto, null),
                "required" => (ToolChoiceMode.Required, null),
                var other => throw PipelineErrors.Invalid(
                    $"Invalid value for 'tool_choice': '{other}'. Supported values are: 'none', 'auto', 'required' or an object naming a function.",
                    "tool_choice",
                    "invalid_value"),
            };
        }

        JsonFields.Object(value, "tool_choice");
        var type = JsonFields.RequiredString(value, "type", "tool_choice.type");
        if (type != "function")
        {
            throw PipelineErrors.Invalid($"Invalid value for 'tool_choice.type': '{type}'. Supported values are: 'function'.", "tool_choice.type", "invalid_value");
        }

        var function = JsonFields.OptionalObject(value, "function", "tool_choice.function") ?? throw PipelineErrors.MissingParameter("tool_choice.function");
        var name = JsonFields.RequiredString(function, "name", "tool_choice.function.name");
        if (!tools.Any(t => t.Name == name))
        {
            throw PipelineErrors.Invalid($"Invalid 'tool_choice.function.name': no function named '{name}' is in 'tools'.", "tool_choice.function.name", "invalid_value");
        }

        return (ToolChoiceMode.Named, name);
    }
}
