using System.Text;
using Trinity.Tokenization;

namespace Trinity.Tests.Gateway.Fakes;

/// <summary>"role: content" lines, ending with "assistant: " when a generation prompt is asked for.</summary>
internal sealed class FakeChatTemplate : IChatTemplate
{
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append(message.Role).Append(": ").Append(message.Content).Append('\n');
        }

        if (addGenerationPrompt)
        {
            text.Append("assistant: ");
        }

        return text.ToString();
    }
}
