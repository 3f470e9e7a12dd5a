using System.Text;
using System.Text.Json;

namespace Trinity.Tokenization;

/// <summary>
/// Tools for a chat template that does not render them (the built-in model's, ChatML): a system message in the
/// Hermes / Qwen2.5 wording that lists the function signatures and asks for <c>&lt;tool_call&gt;</c> blocks, earlier
/// calls written back as those blocks and tool results as <c>&lt;tool_response&gt;</c> blocks, so the conversation
/// reaches the model whatever its template.
/// </summary>
public static class HermesToolPrompt
{
    /// <summary>The conversation with tools and tool traffic written as text.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="toolsJson">The request's <c>tools</c> array as JSON, or null.</param>
    public static IReadOnlyList<ChatMessage> Apply(IReadOnlyList<ChatMessage> messages, string? toolsJson)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new List<ChatMessage>(messages.Count + 1);
        if (toolsJson is not null)
        {
            var prompt = new StringBuilder("# Tools\n\nYou may call one or more functions to assist with the user query.\n\n")
                .Append("You are provided with function signatures within <tools></tools> XML tags:\n<tools>");
            using (var tools = JsonDocument.Parse(toolsJson))
            {
                foreach (var tool in tools.RootElement.EnumerateArray())
                {
                    prompt.Append('\n').Append(tool.GetRawText());
                }
            }

            prompt.Append("\n</tools>\n\nFor each function call, return a json object with function name and arguments within ")
                .Append("<tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>");
            if (messages.Count > 0 && messages[0].Role is "system" or "developer")
            {
                result.Add(messages[0] with { Content = messages[0].Content + "\n\n" + prompt });
                messages = messages.Skip(1).ToList();
            }
            else
            {
                result.Add(new ChatMessage("system", prompt.ToString()));
            }
        }

        foreach (var message in messages)
        {
            if (message.ToolCalls is { Count: > 0 } calls)
            {
                var text = new StringBuilder(message.Content);
                foreach (var call in calls)
                {
                    text.Append(text.Length > 0 ? "\n" : string.Empty).Append("<tool_call>\n{\"name\": ")
                        .Append('"').Append(JsonEncodedText.Encode(call.Name).Value).Append('"').Append(", \"arguments\": ")
                        .Append(call.Arguments).Append("}\n</tool_call>");
                }

                result.Add(new ChatMessage(message.Role, text.ToString()));
            }
            else if (message.Role == "tool")
            {
                result.Add(new ChatMessage("tool", "<tool_response>\n" + message.Content + "\n</tool_response>"));
            }
            else
            {
                result.Add(message);
            }
        }

        return result;
    }
}
