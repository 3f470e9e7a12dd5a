namespace Trinity.Tokenization;

/// <summary>Turns chat messages into the prompt text the model was trained on
/// (the <c>chat_template</c> of <c>tokenizer_config.json</c>).</summary>
public interface IChatTemplate
{
    /// <summary>Renders the conversation; with <paramref name="addGenerationPrompt"/> the text ends where
    /// the assistant's reply begins.</summary>
    string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true);
}
