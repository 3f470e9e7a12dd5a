using System.Text.Json;

namespace Trinity.Tokenization.Templates;

/// <summary>Loads a model's chat template from its <c>tokenizer_config.json</c> (or the <c>chat_template.jinja</c>
/// file newer exports put beside it), with the <c>bos_token</c>/<c>eos_token</c> values the template refers to.</summary>
public static class ChatTemplateFactory
{
    private static readonly string[] SpecialTokenNames = ["bos_token", "eos_token", "pad_token", "unk_token"];

    /// <summary>Reads <paramref name="path"/>: a <c>tokenizer_config.json</c> file or the model folder holding it.</summary>
    /// <param name="path">The config file or its folder.</param>
    /// <param name="fallback">Returned when the folder declares no chat template; null makes that an error.</param>
    /// <param name="timeProvider">Clock for templates that print today's date (<c>strftime_now</c>).</param>
    /// <exception cref="ChatTemplateException">No chat template and no fallback, or a template using unsupported syntax.</exception>
    public static IChatTemplate FromTokenizerConfig(string path, IChatTemplate? fallback = null, TimeProvider? timeProvider = null)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "tokenizer_config.json") : path;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        return FromTokenizerConfigJson(File.ReadAllText(file), folder, fallback, timeProvider);
    }

    /// <summary>Reads the text of a <c>tokenizer_config.json</c>; <paramref name="folder"/>, if given, is searched for
    /// <c>chat_template.jinja</c> when the config has no template.</summary>
    public static IChatTemplate FromTokenizerConfigJson(string json, string? folder = null, IChatTemplate? fallback = null, TimeProvider? timeProvider = null)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var source = ReadTemplate(root);
        var sidecar = folder is null ? null : Path.Combine(folder, "chat_template.jinja");
        if (source is null && sidecar is not null && File.Exists(sidecar))
        {
            source = File.ReadAllText(sidecar);
        }

        if (source is null)
        {
            return fallback ?? throw new ChatTemplateException("tokenizer_config.json has no chat_template (and there is no chat_template.jinja).");
        }

        var specialTokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in SpecialTokenNames)
        {
            if (root.TryGetProperty(name, out var token) && ReadToken(token) is { } content)
            {
                specialTokens[name] = content;
            }
        }

        return new JinjaChatTemplate(source, specialTokens, timeProvider);
    }

    /// <summary>A string, or Hugging Face's list of named templates (the one named "default" is used).</summary>
    private static string? ReadTemplate(JsonElement root)
    {
        if (!root.TryGetProperty("chat_template", out var template))
        {
            return null;
        }

        if (template.ValueKind == JsonValueKind.String)
        {
            return template.GetString();
        }

        if (template.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in template.EnumerateArray())
            {
                if (entry.TryGetProperty("name", out var name) && name.GetString() == "default")
                {
                    return entry.GetProperty("template").GetString();
                }
            }
        }

        return null;
    }

    /// <summary>A special token written as a string or as an AddedToken object with <c>content</c>.</summary>
    private static string? ReadToken(JsonElement token) => token.ValueKind switch
    {
        JsonValueKind.String => token.GetString(),
        JsonValueKind.Object when token.TryGetProperty("content", out var content) => content.GetString(),
        _ => null,
    };
}
