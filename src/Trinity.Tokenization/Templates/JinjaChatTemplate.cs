using System.Text.Json;

namespace Trinity.Tokenization.Templates;

/// <summary>A model's Jinja chat template, rendered with the variables Hugging Face's <c>apply_chat_template</c>
/// passes: <c>messages</c>, <c>tools</c> (none when absent), <c>add_generation_prompt</c> and the special tokens.</summary>
internal sealed class JinjaChatTemplate : IChatTemplate
{
    private readonly JinjaTemplate _template;
    private readonly Dictionary<string, object?> _specialTokens;

    /// <param name="source">The template text.</param>
    /// <param name="specialTokens">Special-token variables such as <c>bos_token</c> and <c>eos_token</c>.</param>
    /// <param name="timeProvider">Clock for <c>strftime_now</c>.</param>
    /// <exception cref="ChatTemplateException">The template uses unsupported syntax.</exception>
    public JinjaChatTemplate(string source, IReadOnlyDictionary<string, string> specialTokens, TimeProvider? timeProvider = null)
    {
        Source = source;
        _template = JinjaTemplate.Parse(source, timeProvider);
        _specialTokens = specialTokens.ToDictionary(pair => pair.Key, pair => (object?)pair.Value, StringComparer.Ordinal);
        RendersTools = source.Contains("tools", StringComparison.Ordinal);
        ToolCallFormat = !RendersTools ? ToolCallFormat.Hermes
            : source.Contains("[TOOL_CALLS]", StringComparison.Ordinal) ? ToolCallFormat.Mistral
            : source.Contains("<tool_call>", StringComparison.Ordinal) ? ToolCallFormat.Hermes
            : source.Contains("<|python_tag|>", StringComparison.Ordinal) || source.Contains("ipython", StringComparison.Ordinal) ? ToolCallFormat.Llama3Json
            : ToolCallFormat.Hermes;
    }

    public string Source { get; }

    /// <summary>Whether the template itself renders the <c>tools</c> variable (otherwise tools are written as text).</summary>
    public bool RendersTools { get; }

    public ToolCallFormat ToolCallFormat { get; }

    public string Render(IReadOnlyList<ChatMessage> messages, string? toolsJson, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!RendersTools)
        {
            return Render(HermesToolPrompt.Apply(messages, toolsJson), addGenerationPrompt);
        }

        // As vLLM and transformers hand them over: arguments as objects (templates apply tojson / items to them).
        var list = messages.Select(message =>
        {
            var value = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["role"] = message.Role,
                ["content"] = message.ToolCalls is { Count: > 0 } && message.Content.Length == 0 ? null : message.Content,
            };
            if (message.ToolCalls is { Count: > 0 } calls)
            {
                value["tool_calls"] = calls.Select(call => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["name"] = call.Name,
                        ["arguments"] = ParseArguments(call.Arguments),
                    },
                }).ToList();
            }

            if (message.ToolCallId is { } id)
            {
                value["tool_call_id"] = id;
            }

            return (object?)value;
        }).ToList();
        object? tools = null;
        if (toolsJson is not null)
        {
            using var document = JsonDocument.Parse(toolsJson);
            tools = JinjaJson.FromElement(document.RootElement);
        }

        return RenderValues(list, tools, addGenerationPrompt, extraVariables: null);
    }

    private static object? ParseArguments(string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments);
            return JinjaJson.FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.Select(message => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["role"] = message.Role,
            ["content"] = message.Content,
        }).ToList();
        return RenderValues(list, tools: null, addGenerationPrompt, extraVariables: null);
    }

    /// <summary>Renders OpenAI-shaped JSON messages (tool calls, content parts) and tool definitions as they are.</summary>
    public string Render(JsonElement messages, JsonElement? tools, bool addGenerationPrompt, IReadOnlyDictionary<string, object?>? extraVariables = null) =>
        RenderValues(JinjaJson.FromElement(messages), tools is { } t ? JinjaJson.FromElement(t) : null, addGenerationPrompt, extraVariables);

    private string RenderValues(object? messages, object? tools, bool addGenerationPrompt, IReadOnlyDictionary<string, object?>? extraVariables)
    {
        var variables = new Dictionary<string, object?>(_specialTokens, StringComparer.Ordinal)
        {
            ["messages"] = messages,
            ["tools"] = tools,
            ["documents"] = null,
            ["add_generation_prompt"] = addGenerationPrompt,
        };
        foreach (var (name, value) in extraVariables ?? new Dictionary<string, object?>())
        {
            variables[name] = value;
        }

        return _template.Render(variables);
    }
}
