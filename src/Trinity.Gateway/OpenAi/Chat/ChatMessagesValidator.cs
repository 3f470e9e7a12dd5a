using Trinity.Gateway.Errors;
using Trinity.Tokenization;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>Checks <c>messages</c> and turns them into chat-template input.</summary>
internal static class ChatMessagesValidator
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static IReadOnlyList<ChatMessage> Validate(IReadOnlyList<ChatMessageInput?>? messages)
    {
        if (messages is null)
        {
            throw PipelineErrors.MissingParameter("messages");
        }

        if (messages.Count == 0)
        {
            throw PipelineErrors.Invalid(
                "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                "messages",
                "empty_array");
        }

        var result = new ChatMessage[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw PipelineErrors.InvalidType($"messages[{i}]", "an object");
            if (message.Role is null)
            {
                throw PipelineErrors.MissingParameter($"messages[{i}].role");
            }

            if (Array.IndexOf(Roles, message.Role) < 0)
            {
                throw PipelineErrors.Invalid(
                    $"Invalid value for 'messages[{i}].role': '{message.Role}'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool' and 'function'.",
                    $"messages[{i}].role",
                    "invalid_value");
            }

            // Assistant messages that only carry tool calls have no content.
            if (message.Content is null && message.Role != "assistant")
            {
                throw PipelineErrors.MissingParameter($"messages[{i}].content");
            }

            if (message.Role == "tool" && string.IsNullOrEmpty(message.ToolCallId))
            {
                throw PipelineErrors.MissingParameter($"messages[{i}].tool_call_id");
            }

            var role = message.Role == "function" ? "tool" : message.Role;
            result[i] = new ChatMessage(role, message.Content?.Text ?? string.Empty)
            {
                ToolCalls = message.Role == "assistant" ? ToolCalls(message.ToolCalls, i) : null,
                ToolCallId = message.ToolCallId,
            };
        }

        return result;
    }

    private static IReadOnlyList<ChatToolCall>? ToolCalls(IReadOnlyList<ChatToolCallInput?>? calls, int message)
    {
        if (calls is null or { Count: 0 })
        {
            return null;
        }

        var result = new ChatToolCall[calls.Count];
        for (var j = 0; j < calls.Count; j++)
        {
            var param = $"messages[{message}].tool_calls[{j}]";
            var call = calls[j] ?? throw PipelineErrors.InvalidType(param, "an object");
            if (call.Type is not null and not "function")
            {
                throw PipelineErrors.Invalid($"Invalid value for '{param}.type': '{call.Type}'. Supported values are: 'function'.", $"{param}.type", "invalid_value");
            }

            var function = call.Function ?? throw PipelineErrors.MissingParameter($"{param}.function");
            var name = function.Name ?? throw PipelineErrors.MissingParameter($"{param}.function.name");
            result[j] = new ChatToolCall(call.Id ?? $"call_{message}_{j}", name, function.Arguments ?? "{}");
        }

        return result;
    }
}
