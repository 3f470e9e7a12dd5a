using System.Text.Json;

namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Builds the pre-tokenizer described by tokenizer.json's <c>pre_tokenizer</c> object.</summary>
internal static class PreTokenizerFactory
{
    /// <summary>The pre-tokenizer, or null for <c>"pre_tokenizer": null</c>. <paramref name="byteLevel"/> tells whether
    /// a ByteLevel step is present (it must come last, since later steps would see byte characters).</summary>
    public static IPreTokenizer? Create(JsonElement element, out bool byteLevel)
    {
        byteLevel = false;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = element.GetProperty("type").GetString();
        switch (type)
        {
            case "ByteLevel":
                byteLevel = true;
                return new ByteLevelPreTokenizer(
                    GetBool(element, "add_prefix_space", defaultValue: true),
                    GetBool(element, "use_regex", defaultValue: true));
            case "Split":
                return new SplitPreTokenizer(
                    SplitPatternFactory.Create(element.GetProperty("pattern")),
                    ParseBehavior(element.GetProperty("behavior").GetString()),
                    GetBool(element, "invert", defaultValue: false));
            case "Digits":
                return new DigitsPreTokenizer(GetBool(element, "individual_digits", defaultValue: false));
            case "Metaspace":
                return CreateMetaspace(element);
            case "Sequence":
                return CreateSequence(element.GetProperty("pretokenizers"), out byteLevel);
            default:
                throw new TokenizerFormatException($"Unsupported pre-tokenizer type '{type}'.");
        }
    }

    private static SequencePreTokenizer CreateSequence(JsonElement steps, out bool byteLevel)
    {
        byteLevel = false;
        var list = new List<IPreTokenizer>();
        foreach (var step in steps.EnumerateArray())
        {
            if (byteLevel)
            {
                throw new TokenizerFormatException("A ByteLevel pre-tokenizer must be the last step of a Sequence.");
            }

            var created = Create(step, out var stepByteLevel);
            byteLevel |= stepByteLevel;
            if (created is not null)
            {
                list.Add(created);
            }
        }

        return new SequencePreTokenizer([.. list]);
    }

    /// <summary>Metaspace as tokenizers writes it now (<c>prepend_scheme</c>, <c>split</c>) or did before 0.15
    /// (<c>add_prefix_space</c>: false means never).</summary>
    public static MetaspacePreTokenizer CreateMetaspace(JsonElement element)
    {
        var scheme = ParsePrependScheme(element);
        return new MetaspacePreTokenizer(ReadReplacement(element), scheme, GetBool(element, "split", defaultValue: true));
    }

    /// <summary>The single replacement character (<c>▁</c> in every published file).</summary>
    public static char ReadReplacement(JsonElement element)
    {
        var replacement = element.TryGetProperty("replacement", out var value) ? value.GetString() : "\u2581";
        if (replacement is not { Length: 1 })
        {
            throw new TokenizerFormatException($"Metaspace replacement '{replacement}' is not a single UTF-16 character.");
        }

        return replacement[0];
    }

    public static MetaspacePrependScheme ParsePrependScheme(JsonElement element)
    {
        var scheme = element.TryGetProperty("prepend_scheme", out var value) ? value.GetString() : "always";
        var parsed = scheme switch
        {
            "always" => MetaspacePrependScheme.Always,
            "first" => MetaspacePrependScheme.First,
            "never" => MetaspacePrependScheme.Never,
            _ => throw new TokenizerFormatException($"Unsupported Metaspace prepend_scheme '{scheme}'."),
        };
        return element.TryGetProperty("add_prefix_space", out var legacy) && legacy.ValueKind == JsonValueKind.False
            ? MetaspacePrependScheme.Never
            : parsed;
    }

    private static SplitBehavior ParseBehavior(string? value) => value switch
    {
        "Removed" => SplitBehavior.Removed,
        "Isolated" => SplitBehavior.Isolated,
        "MergedWithPrevious" => SplitBehavior.MergedWithPrevious,
        "MergedWithNext" => SplitBehavior.MergedWithNext,
        "Contiguous" => SplitBehavior.Contiguous,
        _ => throw new TokenizerFormatException($"Unsupported Split behavior '{value}'."),
    };

    private static bool GetBool(JsonElement element, string name, bool defaultValue) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : defaultValue;
}
