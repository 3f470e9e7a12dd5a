namespace Trinity.Tokenization;

/// <summary>
/// ChatML (<c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c>): the template used for model folders whose
/// <c>tokenizer_config.json</c> declares no <c>chat_template</c>.
/// </summary>
public sealed class ChatMlTemplate : IChatTemplate
{
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var builder = new System.Text.StringBuilder();
        foreach (var message in messages)
        {
            builder.Append("<|im_start|>").Append(message.Role).Append('\n').Append(message.Content).Append("<|im_end|>\n");
        }

        if (addGenerationPrompt)
        {
            builder.Append("<|im_start|>assistant\n");
        }

        return builder.ToString();
    }
}
