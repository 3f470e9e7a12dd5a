using Trinity.Tests.Tokenization.Oracles;

namespace Trinity.Tests.Tokenization.SentencePiece;

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

    /// <summary>Id lists only a model writes: byte-fallback runs that are not UTF-8 (cut short, stray continuation
    /// bytes, a valid character then an invalid byte), special tokens inside runs, ids past the vocabulary. In every
    /// layout ids 0–2 are <c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c> and 3 + b is <c>&lt;0xbb&gt;</c>.</summary>
    public static IReadOnlyList<int[]> IdLists { get; } =
    [
        [Byte(0xF0), Byte(0x9F), Byte(0x98), Byte(0x80)],
        [300, Byte(0xE4), Byte(0xBD), 400],
        [300, Byte(0xFF), Byte(0x41), 400, Byte(0x0A)],
        [Byte(0x80), 300],
        [1, Byte(0xF0), Byte(0x9F), 2, Byte(0x98), Byte(0x80), 301],
        [Byte(0xE4), Byte(0xBD), Byte(0xA0), Byte(0xFF)],
        [Byte(0x41), Byte(0xFF)],
        [300, 5000, 301, 0],
        [2, 300, 1],
    ];

    /// <summary>Entries of <see cref="IdLists"/> whose streamed text cannot equal the whole decode: a byte run with a
    /// complete character before its invalid bytes (Hugging Face replaces the character too).</summary>
    public static IReadOnlySet<int> IdListsWithCharactersBeforeInvalidBytes { get; } = new HashSet<int> { 5, 6 };

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

    private static int Byte(int value) => 3 + value;
}
