using Microsoft.ML.OnnxRuntimeGenAI;

namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>ONNX Runtime GenAI's tokenizer over a folder holding tokenizer.json and tokenizer_config.json: writes a
/// minimal genai_config.json there and hands GenAI a stub graph in memory, so no weights are needed.</summary>
internal sealed class GenAiTokenizerHost : IDisposable
{
    private readonly Config _config;
    private readonly Microsoft.ML.OnnxRuntimeGenAI.Model _model;

    public GenAiTokenizerHost(string folder, int vocabSize)
        : this(StubConfig(folder, vocabSize))
    {
    }

    private GenAiTokenizerHost(Config config)
    {
        _config = config;
        _model = new Microsoft.ML.OnnxRuntimeGenAI.Model(_config);
        Tokenizer = new Tokenizer(_model);
    }

    public Tokenizer Tokenizer { get; }

    /// <summary>GenAI on a complete model folder (its own genai_config.json and weights).</summary>
    public static GenAiTokenizerHost OpenModelFolder(string folder) => new(new Config(folder));

    /// <summary>GenAI's Encode as it is configured by default: no special tokens added.</summary>
    public int[] Encode(string text)
    {
        using var sequences = Tokenizer.Encode(text);
        return sequences[0].ToArray();
    }

    /// <summary>Encode with GenAI's <c>add_special_tokens</c> option on (BOS from tokenizer_config.json and the
    /// post-processor, as onnxruntime-extensions decides).</summary>
    public int[] EncodeWithSpecialTokens(string text)
    {
        Tokenizer.UpdateOptions(new Dictionary<string, string> { ["add_special_tokens"] = "true" });
        try
        {
            return Encode(text);
        }
        finally
        {
            Tokenizer.UpdateOptions(new Dictionary<string, string> { ["add_special_tokens"] = "false" });
        }
    }

    public void Dispose()
    {
        Tokenizer.Dispose();
        _model.Dispose();
        _config.Dispose();
    }

    private static Config StubConfig(string folder, int vocabSize)
    {
        File.WriteAllText(Path.Combine(folder, "genai_config.json"), $$"""
            {
              "model": {
                "bos_token_id": 0,
                "context_length": 8192,
                "decoder": {
                  "session_options": { "log_id": "trinity-tokenizer-tests", "provider_options": [] },
                  "filename": "model.onnx",
                  "head_size": 8,
                  "hidden_size": 8,
                  "inputs": { "input_ids": "input_ids", "attention_mask": "attention_mask" },
                  "outputs": { "logits": "logits" },
                  "num_attention_heads": 1,
                  "num_hidden_layers": 1,
                  "num_key_value_heads": 1
                },
                "eos_token_id": 0,
                "pad_token_id": 0,
                "type": "llama",
                "vocab_size": {{vocabSize}}
              },
              "search": { "do_sample": false, "max_length": 8192, "num_beams": 1, "num_return_sequences": 1 }
            }
            """);
        var config = new Config(folder);
        config.AddModelData("model.onnx", StubOnnxModel.Create());
        return config;
    }
}
