namespace Trinity.Tokenization;

/// <summary>Turns chat messages into the prompt text the model was trained on
/// (the <c>chat_template</c> of <c>tokenizer_config.json</c>).</summary>
public interface IChatTemplate
{
    /// <summary>Renders the conversation; with <paramref name="addGenerationPrompt"/> the text ends where
    /// the assistant's reply begins.</summary>
    string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true);

    /// <summary>Renders a conversation that may offer tools (<paramref name="toolsJson"/>, the request's <c>tools</c>
    /// array as JSON) and carry tool calls and tool results. A template that cannot render tools gets them as text
    /// (<see cref="HermesToolPrompt"/>), so they are never dropped.</summary>
    string Render(IReadOnlyList<ChatMessage> messages, string? toolsJson, bool addGenerationPrompt) =>
        Render(HermesToolPrompt.Apply(messages, toolsJson), addGenerationPrompt);

    /// <summary>How the model writes tool calls after this template's prompt.</summary>
    ToolCallFormat ToolCallFormat => ToolCallFormat.Hermes;
}
