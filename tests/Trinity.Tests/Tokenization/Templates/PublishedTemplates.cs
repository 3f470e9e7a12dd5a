namespace Trinity.Tests.Tokenization.Templates;

/// <summary>Chat templates as published in the models' tokenizer_config.json files (embedded .jinja fixtures).</summary>
internal static class PublishedTemplates
{
    /// <summary>Meta-Llama-3-8B-Instruct.</summary>
    public static string Llama3 => Load("llama3-instruct.jinja");

    /// <summary>Llama-3.1-8B/70B-Instruct (tools, date, system-message extraction).</summary>
    public static string Llama31 => Load("llama31-instruct.jinja");

    /// <summary>Qwen2.5-Instruct (ChatML with a default system prompt and a tools branch).</summary>
    public static string Qwen25 => Load("qwen25-instruct.jinja");

    /// <summary>Phi-3-mini-4k-instruct.</summary>
    public static string Phi3Mini => Load("phi3-mini-instruct.jinja");

    private static string Load(string name)
    {
        using var stream = typeof(PublishedTemplates).Assembly.GetManifestResourceStream("Trinity.Tests.Templates." + name)
            ?? throw new InvalidOperationException($"Missing embedded template {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
