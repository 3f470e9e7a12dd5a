using System.Text.Json;

namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Chooses the matcher for a split pattern: the hand-written, code-point-aware one for the patterns of the
/// GPT-2, Llama 3 / cl100k, Qwen2 and o200k families, .NET <c>Regex</c> for any other.</summary>
internal static class SplitPatternFactory
{
    private static readonly Cl100kSplitPattern Cl100k = new(maxDigits: 3);
    private static readonly Cl100kSplitPattern SingleDigit = new(maxDigits: 1);

    /// <summary>Reads a tokenizer.json pattern object: <c>{"Regex": "..."}</c> or <c>{"String": "..."}</c>.</summary>
    public static ISplitPattern Create(JsonElement pattern)
    {
        if (pattern.ValueKind == JsonValueKind.Object)
        {
            if (pattern.TryGetProperty("Regex", out var regex) && regex.ValueKind == JsonValueKind.String)
            {
                return FromRegex(regex.GetString()!);
            }

            if (pattern.TryGetProperty("String", out var literal) && literal.ValueKind == JsonValueKind.String)
            {
                return new LiteralSplitPattern(literal.GetString()!);
            }
        }

        throw new TokenizerFormatException($"Unsupported Split pattern: {pattern.GetRawText()}");
    }

    /// <summary>The matcher for a regular expression given as text.</summary>
    public static ISplitPattern FromRegex(string pattern) => pattern switch
    {
        Gpt2SplitPattern.Pattern => Gpt2SplitPattern.Instance,
        Cl100kSplitPattern.Pattern => Cl100k,
        Cl100kSplitPattern.SingleDigitPattern => SingleDigit,
        O200kSplitPattern.Pattern => O200kSplitPattern.Instance,
        _ => new RegexSplitPattern(pattern),
    };
}
