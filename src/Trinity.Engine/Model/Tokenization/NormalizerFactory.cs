using System.Text;
using System.Text.Json;

namespace Trinity.Engine.Model.Tokenization;

/// <summary>Builds the text normalizer of tokenizer.json's <c>normalizer</c> object (null when there is none).
/// Byte-level BPE vocabularies use none (GPT-2, Llama 3) or NFC (Qwen2).</summary>
internal static class NormalizerFactory
{
    public static Func<string, string>? Create(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = element.GetProperty("type").GetString();
        return type switch
        {
            "NFC" => static s => s.Normalize(NormalizationForm.FormC),
            "NFD" => static s => s.Normalize(NormalizationForm.FormD),
            "NFKC" => static s => s.Normalize(NormalizationForm.FormKC),
            "NFKD" => static s => s.Normalize(NormalizationForm.FormKD),
            "Lowercase" => static s => s.ToLowerInvariant(),
            "Sequence" => CreateSequence(element.GetProperty("normalizers")),
            _ => throw new TokenizerFormatException($"Unsupported normalizer type '{type}'."),
        };
    }

    private static Func<string, string>? CreateSequence(JsonElement steps)
    {
        var list = steps.EnumerateArray().Select(Create).OfType<Func<string, string>>().ToArray();
        return list.Length switch
        {
            0 => null,
            1 => list[0],
            _ => s => list.Aggregate(s, (current, step) => step(current)),
        };
    }
}
