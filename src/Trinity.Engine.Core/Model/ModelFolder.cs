using Trinity.Tokenization;
using Trinity.Tokenization.Templates;

namespace Trinity.Engine.Model;

/// <summary>A model folder in ONNX Runtime GenAI's layout, opened: configuration, tokenizer, chat template
/// and a fingerprint of the weights.</summary>
public sealed class ModelFolder
{
    private ModelFolder(string directory, string name, ModelConfig config, ITokenizer tokenizer, IChatTemplate chatTemplate, ulong fingerprint)
    {
        Directory = directory;
        Name = name;
        Config = config;
        Tokenizer = tokenizer;
        ChatTemplate = chatTemplate;
        Fingerprint = fingerprint;
    }

    public string Directory { get; }

    /// <summary>The name the API serves the model under (the folder name unless configured).</summary>
    public string Name { get; }

    public ModelConfig Config { get; }

    public ITokenizer Tokenizer { get; }

    public IChatTemplate ChatTemplate { get; }

    public ulong Fingerprint { get; }

    /// <summary>Opens and validates a model folder; problems are <see cref="ModelFormatException"/>s.</summary>
    public static ModelFolder Open(string directory, string? name = null)
    {
        var full = Path.GetFullPath(directory);
        var config = ModelConfigReader.Read(full);
        var tokenizerPath = Path.Combine(full, "tokenizer.json");
        var tokenizerConfigPath = Path.Combine(full, "tokenizer_config.json");
        if (!File.Exists(tokenizerPath))
        {
            throw new ModelFormatException($"model folder '{full}' has no tokenizer.json");
        }

        ITokenizer tokenizer;
        IChatTemplate template;
        try
        {
            tokenizer = BpeTokenizer.FromFile(tokenizerPath);
        }
        catch (TokenizerFormatException ex)
        {
            throw new ModelFormatException($"{tokenizerPath}: {ex.Message}", ex);
        }

        try
        {
            // The folder's own Jinja template when it has one; ChatML otherwise.
            template = File.Exists(tokenizerConfigPath)
                ? ChatTemplateFactory.FromTokenizerConfig(tokenizerConfigPath, fallback: new ChatMlTemplate())
                : new ChatMlTemplate();
        }
        catch (Exception ex) when (ex is ChatTemplateException or System.Text.Json.JsonException)
        {
            throw new ModelFormatException($"{tokenizerConfigPath}: {ex.Message}", ex);
        }

        return new ModelFolder(full, name ?? Path.GetFileName(full), config, tokenizer, template, ModelFingerprint.Compute(full, config));
    }
}
