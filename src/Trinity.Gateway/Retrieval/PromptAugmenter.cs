using System.Text;
using Trinity.Tokenization;

namespace Trinity.Gateway.Retrieval;

/// <summary>
/// Puts retrieved chunks into the conversation with the configured template, inside the system message (merged with
/// the client's own when there is one: many chat templates accept a single system message, first).
/// </summary>
internal static class PromptAugmenter
{
    public static IReadOnlyList<ChatMessage> Augment(IReadOnlyList<ChatMessage> messages, RetrievedContext context, string template)
    {
        if (context.Chunks.Count == 0)
        {
            return messages;
        }

        var passages = new StringBuilder();
        foreach (var (id, _, text) in context.Chunks)
        {
            passages.Append('[').Append(id).Append("] ").Append(text.Trim()).Append("\n\n");
        }

        var block = template.Replace("{context}", passages.ToString().TrimEnd(), StringComparison.Ordinal);
        var result = new List<ChatMessage>(messages.Count + 1);
        if (messages.Count > 0 && messages[0].Role is "system" or "developer")
        {
            result.Add(messages[0] with { Content = messages[0].Content + "\n\n" + block });
            result.AddRange(messages.Skip(1));
        }
        else
        {
            result.Add(new ChatMessage("system", block));
            result.AddRange(messages);
        }

        return result;
    }

    /// <summary>What retrieval is about: the last user message.</summary>
    public static string Question(IReadOnlyList<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == "user")?.Content ?? messages.LastOrDefault()?.Content ?? string.Empty;
}
