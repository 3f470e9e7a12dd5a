using System.Text.Json.Nodes;
using Trinity.Contracts;

namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>
/// A request's validated tools and <c>tool_choice</c>. For a named function the output is constrained to that
/// function's arguments; for <c>required</c> to <c>{"name": …, "arguments": …}</c> (an <c>anyOf</c> over the tools, each
/// arm pinning the name and the arguments to that tool's parameters), or a non-empty array of those when
/// <c>parallel_tool_calls</c> is true (at most <see cref="MaxParallelCalls"/>).
/// </summary>
/// <param name="Tools">The offered functions, in request order.</param>
/// <param name="Mode">What <c>tool_choice</c> asks.</param>
/// <param name="Named">The function a named <c>tool_choice</c> forces.</param>
/// <param name="Parallel"><c>parallel_tool_calls</c> (OpenAI's default: true).</param>
/// <param name="ToolsJson">The <c>tools</c> array as sent, for the chat template.</param>
internal sealed record ToolPlan(IReadOnlyList<ToolDefinition> Tools, ToolChoiceMode Mode, string? Named, bool Parallel, string ToolsJson)
{
    /// <summary>Most calls one forced parallel answer may make: a bound, so that a model that never closes the array
    /// cannot spend its whole token budget on calls.</summary>
    public const int MaxParallelCalls = 8;

    /// <summary>Whether the output is constrained to tool calls.</summary>
    public bool Forced => Mode is ToolChoiceMode.Required or ToolChoiceMode.Named;

    /// <summary>The grammar of a forced call; null when the model chooses.</summary>
    public TokenConstraint? Constraint() => Mode switch
    {
        ToolChoiceMode.Named => TokenConstraint.JsonSchema(Tools.First(t => t.Name == Named).Parameters),
        ToolChoiceMode.Required => TokenConstraint.JsonSchema(RequiredSchema()),
        _ => null,
    };

    private string RequiredSchema()
    {
        var arms = new JsonArray();
        var defs = new JsonObject();
        for (var i = 0; i < Tools.Count; i++)
        {
            var parameters = JsonNode.Parse(Tools[i].Parameters)!.AsObject();
            HoistDefinitions(parameters, $"t{i}_", defs);
            arms.Add(new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["const"] = Tools[i].Name },
                    ["arguments"] = parameters,
                },
                ["required"] = new JsonArray("name", "arguments"),
                ["additionalProperties"] = false,
            });
        }

        JsonObject call = Tools.Count == 1 ? arms[0]!.DeepClone().AsObject() : new JsonObject { ["anyOf"] = arms };
        var root = Parallel ? new JsonObject { ["type"] = "array", ["items"] = call, ["minItems"] = 1, ["maxItems"] = MaxParallelCalls } : call;
        if (defs.Count > 0)
        {
            root["$defs"] = defs;
        }

        return root.ToJsonString();
    }

    /// <summary>Moves a tool's <c>$defs</c>/<c>definitions</c> to the combined schema's root under prefixed names and
    /// rewrites its local <c>$ref</c>s, which point at the tool schema's own root.</summary>
    private static void HoistDefinitions(JsonObject parameters, string prefix, JsonObject defs)
    {
        // Rewrite first, definitions included, then move them: each tool's refs get its own prefix exactly once.
        Rewrite(parameters, prefix);
        foreach (var key in (ReadOnlySpan<string>)["$defs", "definitions"])
        {
            if (parameters[key] is JsonObject local)
            {
                parameters.Remove(key);
                foreach (var (name, value) in local.ToList())
                {
                    local.Remove(name);
                    defs[prefix + name] = value;
                }
            }
        }
    }

    private static void Rewrite(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target))
                    {
                        obj["$ref"] = Prefixed(target, prefix);
                    }
                    else
                    {
                        Rewrite(value, prefix);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item, prefix);
                }

                break;
        }
    }

    private static string Prefixed(string target, string prefix) =>
        target.StartsWith("#/$defs/", StringComparison.Ordinal) ? "#/$defs/" + prefix + target["#/$defs/".Length..]
        : target.StartsWith("#/definitions/", StringComparison.Ordinal) ? "#/$defs/" + prefix + target["#/definitions/".Length..]
        : target;
}
