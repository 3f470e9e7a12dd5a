using System.Text.Json;
using Trinity.Tokenization;

namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>
/// Finds tool calls in generated text. Forced calls are grammar-shaped JSON (the arguments of the named function, or
/// <c>{"name", "arguments"}</c> objects). With <c>tool_choice: auto</c> the model writes calls in its template's format
/// (<see cref="ToolCallFormat"/>); only calls to offered functions with JSON-object arguments count, and text that is
/// not a call stays content.
/// </summary>
internal static class ToolCallParser
{
    /// <summary>The calls of a constrained output; empty when the text is not complete JSON (cut by max_tokens).</summary>
    public static IReadOnlyList<ParsedToolCall> ParseForced(string text, ToolPlan plan)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (plan.Mode == ToolChoiceMode.Named)
            {
                return [new ParsedToolCall(plan.Named!, root.GetRawText())];
            }

            var calls = new List<ParsedToolCall>();
            foreach (var call in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root])
            {
                if (Call(call, plan, "arguments") is { } parsed)
                {
                    calls.Add(parsed);
                }
            }

            return calls;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Content and calls of a free output in <paramref name="format"/>.</summary>
    public static (string? Content, IReadOnlyList<ParsedToolCall> Calls) ParseAuto(string text, ToolCallFormat format, ToolPlan plan) => format switch
    {
        ToolCallFormat.Mistral => Mistral(text, plan),
        ToolCallFormat.Llama3Json => Llama3(text, plan),
        _ => Hermes(text, plan),
    };

    private static (string?, IReadOnlyList<ParsedToolCall>) Hermes(string text, ToolPlan plan)
    {
        const string Open = "<tool_call>";
        const string Close = "</tool_call>";
        var calls = new List<ParsedToolCall>();
        var content = new System.Text.StringBuilder();
        var at = 0;
        while (at < text.Length)
        {
            var start = text.IndexOf(Open, at, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var end = text.IndexOf(Close, start, StringComparison.Ordinal);
            var body = end < 0 ? text[(start + Open.Length)..] : text[(start + Open.Length)..end];
            var call = TryParse(body, plan, "arguments");
            if (call is null)
            {
                break;
            }

            content.Append(text, at, start - at);
            calls.Add(call);
            at = end < 0 ? text.Length : end + Close.Length;
        }

        if (calls.Count == 0)
        {
            return (text, []);
        }

        content.Append(text, at, text.Length - at);
        return (Content(content.ToString()), calls);
    }

    private static (string?, IReadOnlyList<ParsedToolCall>) Llama3(string text, ToolPlan plan)
    {
        var body = text.Trim();
        if (body.StartsWith("<|python_tag|>", StringComparison.Ordinal))
        {
            body = body["<|python_tag|>".Length..].Trim();
        }

        var calls = new List<ParsedToolCall>();
        foreach (var part in body.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if ((TryParse(part, plan, "parameters") ?? TryParse(part, plan, "arguments")) is not { } call)
            {
                return (text, []);
            }

            calls.Add(call);
        }

        return calls.Count == 0 ? (text, []) : (null, calls);
    }

    private static (string?, IReadOnlyList<ParsedToolCall>) Mistral(string text, ToolPlan plan)
    {
        const string Marker = "[TOOL_CALLS]";
        var start = text.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return (text, []);
        }

        try
        {
            using var document = JsonDocument.Parse(text[(start + Marker.Length)..].Trim());
            var calls = new List<ParsedToolCall>();
            foreach (var item in document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToArray() : [document.RootElement])
            {
                if (Call(item, plan, "arguments") is not { } call)
                {
                    return (text, []);
                }

                calls.Add(call);
            }

            return (Content(text[..start]), calls);
        }
        catch (JsonException)
        {
            return (text, []);
        }
    }

    private static ParsedToolCall? TryParse(string json, ToolPlan plan, string argumentsKey)
    {
        try
        {
            using var document = JsonDocument.Parse(json.Trim());
            return Call(document.RootElement, plan, argumentsKey);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ParsedToolCall? Call(JsonElement call, ToolPlan plan, string argumentsKey)
    {
        if (call.ValueKind != JsonValueKind.Object
            || !call.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || !plan.Tools.Any(t => t.Name == name.GetString()))
        {
            return null;
        }

        if (!call.TryGetProperty(argumentsKey, out var arguments))
        {
            return new ParsedToolCall(name.GetString()!, "{}");
        }

        // Some models write the arguments as a JSON string holding the object.
        var text = arguments.ValueKind == JsonValueKind.String ? arguments.GetString()! : arguments.GetRawText();
        return new ParsedToolCall(name.GetString()!, text);
    }

    private static string? Content(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
