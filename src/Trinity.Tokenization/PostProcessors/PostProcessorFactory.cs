using System.Text.Json;

namespace Trinity.Tokenization.PostProcessors;

/// <summary>Reads tokenizer.json's <c>post_processor</c> for a single sequence: <c>TemplateProcessing</c>,
/// <c>RobertaProcessing</c>, <c>BertProcessing</c>, <c>ByteLevel</c> (no ids) and <c>Sequence</c>.</summary>
internal static class PostProcessorFactory
{
    public static SpecialTokenTemplate Create(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return SpecialTokenTemplate.None;
        }

        var type = element.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        return type switch
        {
            "TemplateProcessing" => ReadTemplate(element),
            "RobertaProcessing" or "BertProcessing" => new([ReadPairId(element, "cls")], [ReadPairId(element, "sep")]),
            "ByteLevel" => SpecialTokenTemplate.None,
            "Sequence" => element.GetProperty("processors").EnumerateArray()
                .Aggregate(SpecialTokenTemplate.None, (inner, step) => Create(step).Around(inner)),
            _ => throw new TokenizerFormatException($"Unsupported post-processor type '{type}'."),
        };
    }

    /// <summary>The <c>single</c> template: special-token pieces before and after sequence <c>A</c>.</summary>
    private static SpecialTokenTemplate ReadTemplate(JsonElement element)
    {
        var specials = element.TryGetProperty("special_tokens", out var map) ? map : default;
        var prefix = new List<int>();
        var suffix = new List<int>();
        var seenSequence = false;
        foreach (var piece in element.GetProperty("single").EnumerateArray())
        {
            if (piece.TryGetProperty("Sequence", out _))
            {
                seenSequence = true;
                continue;
            }

            if (!piece.TryGetProperty("SpecialToken", out var special))
            {
                throw new TokenizerFormatException($"TemplateProcessing piece {piece.GetRawText()} is neither Sequence nor SpecialToken.");
            }

            var name = special.GetProperty("id").GetString()!;
            if (specials.ValueKind != JsonValueKind.Object || !specials.TryGetProperty(name, out var entry))
            {
                throw new TokenizerFormatException($"TemplateProcessing uses '{name}', which its special_tokens does not define.");
            }

            (seenSequence ? suffix : prefix).AddRange(entry.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32()));
        }

        return new SpecialTokenTemplate([.. prefix], [.. suffix]);
    }

    private static int ReadPairId(JsonElement element, string name) => element.GetProperty(name)[1].GetInt32();
}
