using System.Security.Cryptography;
using System.Text;
using Trinity.Tokenization;

namespace Trinity.Gateway.Cache;

/// <summary>Normalises a conversation (roles and contents, white space collapsed) and hashes it into
/// its namespace and exact key. Case and punctuation are kept: they can change what a prompt asks.</summary>
internal static class CacheKeyBuilder
{
    // Control characters that cannot survive normalisation inside a content, so fields cannot run into each other.
    private const char FieldSeparator = '\u001F';
    private const char RecordSeparator = '\u001E';

    public static CacheKey Build(AnswerCacheQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var system = new StringBuilder();
        var prompt = new StringBuilder();
        var turns = new StringBuilder();
        var lastUser = string.Empty;
        foreach (var message in query.Messages)
        {
            var content = Normalize(message.Content);
            if (IsSystem(message.Role))
            {
                Append(system, '\n', content);
                continue;
            }

            Append(prompt, '\n', content);
            turns.Append(message.Role).Append(FieldSeparator).Append(content).Append(RecordSeparator);
            if (message.Role == "user")
            {
                lastUser = content;
            }
        }

        var systemPrompt = system.ToString();
        // The partition leads the namespace only when set, so that the single tenant's keys are those of before tenants.
        var space = new StringBuilder();
        if (query.Partition.Length > 0)
        {
            space.Append("partition:").Append(query.Partition).Append(RecordSeparator);
        }

        space
            .Append(query.Model).Append(FieldSeparator)
            .Append(systemPrompt).Append(FieldSeparator)
            .Append(query.Collection).Append(FieldSeparator);
        foreach (var stop in query.Stop ?? [])
        {
            space.Append(stop).Append(RecordSeparator);
        }

        var ns = Hash(space.ToString())[..32];
        var id = Hash(ns + FieldSeparator + turns);
        return new CacheKey(id, ns, query.Model, systemPrompt, query.Collection, prompt.ToString(), lastUser) { Partition = query.Partition };
    }

    /// <summary>System and developer messages make up the system prompt, which selects the namespace.</summary>
    public static bool IsSystem(string role) => role is "system" or "developer";

    /// <summary>Leading and trailing white space removed, every inner run of white space one space. (No Unicode
    /// normalisation: the gateway runs with invariant globalization, where it is unavailable.)</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var changed = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                changed |= c != ' ' || pendingSpace || builder.Length == 0;
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return changed || pendingSpace ? builder.ToString() : text;
    }

    private static void Append(StringBuilder builder, char separator, string text)
    {
        if (builder.Length > 0)
        {
            builder.Append(separator);
        }

        builder.Append(text);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
