using System.Text;
using Trinity.Contracts;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.OpenAi.Structured;
using Trinity.Tokenization;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>
/// One choice's output as it arrives: its text, logprobs and finish reason, and at the end the assistant message —
/// text, or tool calls (forced calls parsed from the constrained JSON; with <c>tool_choice: auto</c> calls found in the
/// model's format) with <c>finish_reason: "tool_calls"</c>.
/// </summary>
internal sealed class ChatChoiceBuilder(ToolPlan? tools, ToolCallFormat format, ITokenizer tokenizer, bool logprobs)
{
    private readonly StringBuilder _text = new();
    private readonly List<ChatTokenLogprob> _logprobs = [];

    public string? FinishReason { get; private set; }

    /// <summary>Whether the output is held until the end (calls must be parsed from the whole text).</summary>
    public bool Buffered => tools is { Mode: ToolChoiceMode.Required or ToolChoiceMode.Auto };

    /// <summary>Whether the output is the arguments of one named function, streamed as they come.</summary>
    public bool NamedCall => tools is { Mode: ToolChoiceMode.Named };

    public string? NamedFunction => tools?.Named;

    /// <summary>Records an engine output; returns its logprobs in OpenAI's shape (empty when not asked).</summary>
    public IReadOnlyList<ChatTokenLogprob> Add(GenerationOutput output)
    {
        _text.Append(output.Text);
        IReadOnlyList<ChatTokenLogprob> added = [];
        if (logprobs && output.Logprobs is { Length: > 0 } values)
        {
            added = [.. values.Select(v => LogprobFormatter.Chat(v, tokenizer))];
            _logprobs.AddRange(added);
        }

        if (output.FinishReason is { } reason)
        {
            FinishReason = FinishReasons.ToWire(reason);
        }

        return added;
    }

    /// <summary>All logprobs so far, or null when the request did not ask for them.</summary>
    public ChatLogprobs? Logprobs(IReadOnlyList<ChatTokenLogprob>? only = null) => logprobs ? new ChatLogprobs(only ?? _logprobs) : null;

    /// <summary>The message and finish reason once the choice has finished.</summary>
    public (ChatMessageOutput Message, string FinishReason) Build()
    {
        var text = _text.ToString();
        var finish = FinishReason ?? "stop";
        if (tools is null || tools.Mode == ToolChoiceMode.None || finish != "stop")
        {
            return (new ChatMessageOutput("assistant", text), finish);
        }

        string? content = null;
        IReadOnlyList<ParsedToolCall> calls;
        if (tools.Forced)
        {
            calls = ToolCallParser.ParseForced(text, tools);
        }
        else
        {
            (content, calls) = ToolCallParser.ParseAuto(text, format, tools);
        }

        if (calls.Count == 0)
        {
            return (new ChatMessageOutput("assistant", text), finish);
        }

        var outputs = calls.Select(c => new ChatToolCallOutput(NewCallId(), "function", new ChatFunctionCall { Name = c.Name, Arguments = c.Arguments })).ToList();
        return (new ChatMessageOutput("assistant", content) { ToolCalls = outputs }, "tool_calls");
    }

    /// <summary>A call id in OpenAI's style.</summary>
    public static string NewCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];
}
