using Trinity.Tests.Engine.Model.Tokenization.Oracles;

namespace Trinity.Tests.Engine.Model.Tokenization.SentencePiece;

/// <summary>What the SentencePiece-style parity tests encode: the common oracle strings (emoji, CJK, white-space runs,
/// numbers, scripts outside the vocabulary) plus strings aimed at <c>▁</c> handling, byte fallback and added tokens.</summary>
internal static class SpmStyleStrings
{
    /// <summary>Strings that name added tokens of the Llama 2 / Phi-3 vocabularies.</summary>
    public static IReadOnlyList<string> WithAddedTokens { get; } =
    [
        "<s>Hello", "Hello</s> world", "<s> Hello", "Hello <s>", "<unk>x", "</s></s>", "<|endoftext|>",
        "<|user|>\nHi there<|end|>\n<|assistant|>\nSure.<|end|>", "<|user|> spaced <|end|>  after",
        "call <tool> now", "<tool>first", "x<tool>",
    ];

    public static IReadOnlyList<string> All { get; } =
    [
        .. OracleStrings.Plain,
        "Hello world", " Hello", "Hello  world", "a\tb", "\n", " ", "  ", "x  ", "  x", "    indented", "a    b",
        "ab  \n  cd", "tab\there", "▁already ▁meta", "The year 2024 had 366 days", "Café naïve 世界 你好 世 界",
        "print(item)\n        return 0", "emoji 😀 and 🇫🇷", "x😀", "😀", "\u00e9\u0301", "Ω≈ç√∫ ǅ",
        .. WithAddedTokens,
    ];

    /// <summary>Where ONNX Runtime GenAI 0.20.0 and Hugging Face tokenize the published (normalizer) layout differently
    /// and we follow Hugging Face. GenAI approximates SentencePiece BPE by pre-splitting text with Llama 3's regex,
    /// so merges across its split points never happen: a white-space run after a line break (indented code) and a
    /// literal <c>▁</c> in the input come out differently.</summary>
    public static IReadOnlySet<string> GenAiDeviations { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n",
        "print(item)\n        return 0",
        "▁already ▁meta",
    };
}
