using System.Text.Json;
using Trinity.Engine.Model.Onnx;

namespace Trinity.Engine.Model.BuiltIn;

/// <summary>
/// Writes a complete model folder in ONNX Runtime GenAI's layout: <c>genai_config.json</c>, <c>model.onnx</c>,
/// <c>tokenizer.json</c>, <c>tokenizer_config.json</c>. The same spec always yields byte-identical files.
/// Files are written to a temporary sibling folder and moved into place, so a crash never leaves a
/// half-written model that looks complete.
/// </summary>
internal static class BuiltInModelWriter
{
    public static void Write(TinyModelSpec spec, string directory)
    {
        if (spec.Validate() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"invalid output folder '{directory}'");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        try
        {
            var tokenizer = BuiltInTokenizerSource.Create(spec.Vocab, spec.MaxLength);
            File.WriteAllText(Path.Combine(staging, "tokenizer.json"), tokenizer.TokenizerJson);
            File.WriteAllText(Path.Combine(staging, "tokenizer_config.json"), tokenizer.TokenizerConfigJson);
            var ids = SpecialIds(tokenizer.TokenizerJson);
            File.WriteAllBytes(Path.Combine(staging, ModelConfigReader.FileName),
                GenAiConfigWriter.Write(spec, ids.Bos, ids.Eos, ids.Pad));
            OnnxModelWriter.Write(DecoderGraphBuilder.Build(spec), Path.Combine(staging, "model.onnx"), DecoderGraphBuilder.Opset, "trinity");

            if (Directory.Exists(full))
            {
                Directory.Delete(full, recursive: true);
            }

            Directory.Move(staging, full);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Ids of the special tokens declared in the tokenizer: bos/pad is the end-of-text token,
    /// eos covers both end-of-text and the chat's end-of-turn token.</summary>
    private static (int Bos, int[] Eos, int Pad) SpecialIds(string tokenizerJson)
    {
        using var doc = JsonDocument.Parse(tokenizerJson);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var added in doc.RootElement.GetProperty("added_tokens").EnumerateArray())
        {
            ids[added.GetProperty("content").GetString()!] = added.GetProperty("id").GetInt32();
        }

        var endOfText = ids[BuiltInTokenizerSource.EndOfText];
        var endOfTurn = ids[BuiltInTokenizerSource.EndOfTurn];
        return (endOfText, [endOfText, endOfTurn], endOfText);
    }
}
