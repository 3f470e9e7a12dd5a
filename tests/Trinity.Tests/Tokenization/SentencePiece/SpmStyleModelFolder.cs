using System.Text.Json.Nodes;

namespace Trinity.Tests.Tokenization.SentencePiece;

/// <summary>A model folder GenAI and <c>ModelFolder.Open</c> both load, holding a SentencePiece-style tokenizer: the
/// built-in model's files (linked, or copied where links fail), its genai_config.json with Llama's special ids
/// (<c>&lt;s&gt;</c> 1, <c>&lt;/s&gt;</c> 2, <c>&lt;unk&gt;</c> 0 as padding), and the written tokenizer files.</summary>
internal static class SpmStyleModelFolder
{
    /// <summary>Fills <paramref name="folder"/> and returns the tokenizer's vocabulary size (within the model's).</summary>
    public static int Create(string folder, SpmStyleOptions options)
    {
        Directory.CreateDirectory(folder);
        var model = TestModels.TinyDirectory;
        foreach (var file in Directory.GetFiles(model))
        {
            var name = Path.GetFileName(file);
            if (name is "tokenizer.json" or "tokenizer_config.json" or "genai_config.json")
            {
                continue;
            }

            var target = Path.Combine(folder, name);
            try
            {
                File.CreateSymbolicLink(target, file);
            }
            catch (IOException)
            {
                File.Copy(file, target, overwrite: true);
            }
        }

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "genai_config.json")))!;
        var modelNode = config["model"]!;
        modelNode["bos_token_id"] = 1;
        modelNode["eos_token_id"] = new JsonArray(2);
        modelNode["pad_token_id"] = 0;
        File.WriteAllText(Path.Combine(folder, "genai_config.json"), config.ToJsonString(new() { WriteIndented = true }));

        var vocabSize = SpmStyleTokenizerFiles.WriteTo(folder, options);
        var modelVocab = modelNode["vocab_size"]!.GetValue<int>();
        if (vocabSize > modelVocab)
        {
            throw new InvalidOperationException($"The tokenizer's {vocabSize} ids do not fit the built-in model's {modelVocab}.");
        }

        return vocabSize;
    }
}
