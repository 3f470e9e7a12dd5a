using System.IO.Hashing;
using System.Text;

namespace Trinity.Engine.Model;

/// <summary>
/// The identity of a model's weights and configuration, so that KV computed by one model is never continued by
/// another: XxHash3 over <c>genai_config.json</c>, the decoder graph and every other file of the folder that can hold
/// weights (the model builder keeps them in <c>model.onnx.data</c>; other exports use other names), each with its name
/// and length. Computed once per load (several GB/s; a 2 GB int4 folder takes about a second).
/// </summary>
internal static class ModelFingerprint
{
    /// <summary>Files that hold text for the tokenizer or chat template, never weights.</summary>
    private static readonly HashSet<string> TextFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt",
        "tokenizer.model", "chat_template.jinja", "chat_template.json", "generation_config.json", "config.json", "README.md", "LICENSE",
    };

    public static ulong Compute(string modelDirectory, ModelConfig config)
    {
        var hash = new XxHash3();
        var files = new List<string> { ModelConfigReader.FileName, config.Filename };
        foreach (var path in Directory.EnumerateFiles(modelDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!files.Contains(name) && !TextFiles.Contains(name) && !name.StartsWith('.') && !name.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                && !name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(name);
            }
        }

        var buffer = new byte[1 << 20];
        foreach (var name in files)
        {
            using var file = File.OpenRead(Path.Combine(modelDirectory, name));
            hash.Append(Encoding.UTF8.GetBytes($"{name}\n{file.Length}\n"));
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                hash.Append(buffer.AsSpan(0, read));
            }
        }

        return hash.GetCurrentHashAsUInt64();
    }
}
