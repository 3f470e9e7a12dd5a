using System.Text.Json;
using Trinity.Tokenization.PreTokenizers;

namespace Trinity.Tokenization.Decoders;

/// <summary>Reads tokenizer.json's <c>decoder</c>: <c>ByteLevel</c> for byte-level BPE; for SentencePiece-style BPE
/// <c>Metaspace</c>, or a Sequence of <c>Replace</c>, <c>ByteFallback</c>, <c>Fuse</c> and a final <c>Strip</c>
/// (Llama 2, Mistral and Phi-3 publish Sequence[Replace("▁", " "), ByteFallback, Fuse, Strip(" ", 1, 0)]).</summary>
internal static class DecoderFactory
{
    public static DecoderSpec Create(JsonElement element, bool byteLevelModel)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return byteLevelModel
                ? DecoderSpec.ByteLevelDecoder
                : throw new TokenizerFormatException("A SentencePiece-style tokenizer.json needs a decoder (Metaspace, or Replace/ByteFallback/Fuse).");
        }

        var steps = new List<JsonElement>();
        Flatten(element, steps);
        if (byteLevelModel)
        {
            return steps.TrueForAll(s => Type(s) == "ByteLevel")
                ? DecoderSpec.ByteLevelDecoder
                : throw new TokenizerFormatException($"Unsupported decoder type '{Type(steps.First(s => Type(s) != "ByteLevel"))}' for byte-level BPE.");
        }

        return ReadPieceSteps(steps);
    }

    private static DecoderSpec ReadPieceSteps(List<JsonElement> steps)
    {
        var replacements = new List<(string, string)>();
        char? metaspace = null;
        var keepsFirst = false;
        var byteFallback = false;
        var fused = false;
        var stripContent = ' ';
        var stripStart = 0;
        foreach (var step in steps)
        {
            var type = Type(step);
            if (stripStart > 0)
            {
                throw new TokenizerFormatException($"Decoder step '{type}' after Strip is not supported.");
            }

            switch (type)
            {
                case "Replace" when !fused:
                    replacements.Add(ReadReplace(step));
                    break;
                case "ByteFallback" when !fused:
                    byteFallback = true;
                    break;
                case "Metaspace" when !fused:
                    metaspace = PreTokenizerFactory.ReadReplacement(step);
                    keepsFirst = PreTokenizerFactory.ParsePrependScheme(step) == MetaspacePrependScheme.Never;
                    break;
                case "Fuse":
                    fused = true;
                    break;
                case "Strip" when fused:
                    (stripContent, stripStart) = ReadStrip(step);
                    break;
                default:
                    throw new TokenizerFormatException($"Unsupported decoder step '{type}'{(fused ? " after Fuse" : string.Empty)} for SentencePiece-style BPE.");
            }
        }

        return new DecoderSpec(false, replacements, metaspace, keepsFirst, byteFallback, stripContent, stripStart);
    }

    private static (string Pattern, string Content) ReadReplace(JsonElement step)
    {
        var pattern = step.GetProperty("pattern");
        if (!pattern.TryGetProperty("String", out var literal))
        {
            throw new TokenizerFormatException($"Replace decoder pattern {pattern.GetRawText()} is not a String (regex patterns are not supported).");
        }

        return (literal.GetString() ?? string.Empty, step.GetProperty("content").GetString() ?? string.Empty);
    }

    /// <summary>Strip's <c>stop</c> would need the end of the text, which a stream never sees: only 0 is accepted.</summary>
    private static (char Content, int Start) ReadStrip(JsonElement step)
    {
        var content = step.GetProperty("content").GetString();
        var start = step.TryGetProperty("start", out var startValue) ? startValue.GetInt32() : 0;
        var stop = step.TryGetProperty("stop", out var stopValue) ? stopValue.GetInt32() : 0;
        if (content is not { Length: 1 } || start < 0 || stop != 0)
        {
            throw new TokenizerFormatException($"Unsupported Strip decoder {step.GetRawText()}: only a single character stripped from the start.");
        }

        return (content[0], start);
    }

    private static void Flatten(JsonElement element, List<JsonElement> steps)
    {
        if (Type(element) == "Sequence")
        {
            foreach (var step in element.GetProperty("decoders").EnumerateArray())
            {
                Flatten(step, steps);
            }
        }
        else
        {
            steps.Add(element);
        }
    }

    private static string? Type(JsonElement element) => element.TryGetProperty("type", out var type) ? type.GetString() : null;
}
