using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Trinity.Tokenization.Normalization;

namespace Trinity.Tokenization;

/// <summary>Builds the text normalizer of tokenizer.json's <c>normalizer</c> object (null when there is none).
/// Byte-level BPE vocabularies use none (GPT-2, Llama 3) or NFC (Qwen2); SentencePiece-style ones as Llama 2, Mistral
/// and Phi-3 publish them use Sequence[Prepend("▁"), Replace(" ", "▁")].</summary>
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
            "Prepend" => CreatePrepend(element.GetProperty("prepend").GetString() ?? string.Empty),
            "Replace" => CreateReplace(element),
            "Strip" => CreateStrip(Flag(element, "strip_left"), Flag(element, "strip_right")),
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

    /// <summary>Hugging Face's Prepend leaves empty text empty (so an added token alone gets no prefix).</summary>
    private static Func<string, string> CreatePrepend(string prefix) => s => s.Length == 0 ? s : prefix + s;

    /// <summary>Replace's pattern is a literal string or a regex; its content is always literal.</summary>
    private static Func<string, string> CreateReplace(JsonElement element)
    {
        var content = element.GetProperty("content").GetString() ?? string.Empty;
        var pattern = element.GetProperty("pattern");
        if (pattern.TryGetProperty("String", out var literal))
        {
            var text = literal.GetString() ?? string.Empty;
            return text.Length == 0 ? static s => s : s => s.Replace(text, content, StringComparison.Ordinal);
        }

        if (pattern.TryGetProperty("Regex", out var regexText))
        {
            var regex = new Regex(regexText.GetString() ?? string.Empty, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return s => regex.Replace(s, _ => content);
        }

        throw new TokenizerFormatException($"Replace normalizer pattern {pattern.GetRawText()} is neither String nor Regex.");
    }

    private static Func<string, string> CreateStrip(bool left, bool right) => (left, right) switch
    {
        (true, true) => static s => s.Trim(),
        (true, false) => static s => s.TrimStart(),
        (false, true) => static s => s.TrimEnd(),
        _ => static s => s,
    };

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

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
