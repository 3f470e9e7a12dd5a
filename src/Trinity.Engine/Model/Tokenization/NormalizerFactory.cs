using System.Text;
using System.Text.Json;
using Trinity.Engine.Model.Tokenization.Normalization;

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
            "NFC" => UnicodeNormalizer.ToNfc,
            "NFD" => UnicodeNormalizer.ToNfd,
            "NFKC" => Compatibility(NormalizationForm.FormKC),
            "NFKD" => Compatibility(NormalizationForm.FormKD),
            "Lowercase" => static s => s.ToLowerInvariant(),
            "Sequence" => CreateSequence(element.GetProperty("normalizers")),
            _ => throw new TokenizerFormatException($"Unsupported normalizer type '{type}'."),
        };
    }

    /// <summary>NFKC/NFKD need the platform's compatibility tables, absent under InvariantGlobalization (where
    /// Normalize silently returns its input): refuse rather than tokenize differently from Hugging Face.</summary>
    private static Func<string, string> Compatibility(NormalizationForm form)
    {
        if ("\uFB01".Normalize(form) != "fi")
        {
            throw new TokenizerFormatException($"The {form} normalizer needs ICU, which this process runs without (InvariantGlobalization).");
        }

        return s => s.Normalize(form);
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
