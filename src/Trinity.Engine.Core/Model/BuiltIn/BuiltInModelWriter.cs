using Trinity.Engine.Model.Onnx;
using Trinity.Tokenization.Training;

namespace Trinity.Engine.Model.BuiltIn;

/// <summary>
/// Writes a complete model folder in ONNX Runtime GenAI's layout: <c>genai_config.json</c>, <c>model.onnx</c> (with
/// <c>model.onnx.data</c> in the builder layout), <c>tokenizer.json</c>, <c>tokenizer_config.json</c>. The same spec
/// always yields byte-identical files.
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
            var tokenizer = BuiltInTokenizerFiles.Create(spec.Vocab, spec.MaxLength);
            tokenizer.WriteTo(staging);
            // End of text opens and pads sequences; generation ends at end of text or at the chat's end of turn.
            File.WriteAllBytes(Path.Combine(staging, ModelConfigReader.FileName),
                GenAiConfigWriter.Write(spec, tokenizer.EndOfTextId, [tokenizer.EndOfTextId, tokenizer.ImEndId], tokenizer.EndOfTextId));
            var modelPath = Path.Combine(staging, "model.onnx");
            if (spec.Layout == DecoderLayout.Classic)
            {
                OnnxModelWriter.Write(ClassicDecoderGraph.Build(spec), modelPath, ClassicDecoderGraph.Opset, "trinity");
            }
            else
            {
                OnnxModelWriter.Write(GqaDecoderGraph.Build(spec), modelPath, GqaDecoderGraph.WriterOptions);
            }

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
}
