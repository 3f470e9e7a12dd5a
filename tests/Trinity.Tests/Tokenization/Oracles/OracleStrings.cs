namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>The fixed strings every oracle encodes: prose, code, emoji (ZWJ sequences, skin tones, flags), CJK,
/// Arabic, letters outside the BMP, white-space runs, line breaks, long numbers, contractions in any case.</summary>
internal static class OracleStrings
{
    /// <summary>Strings without special-token text (gpt-3-encoder does not know special tokens).</summary>
    public static IReadOnlyList<string> Plain { get; } =
    [
        "",
        "Hello, world! This is a test.",
        "The quick brown fox jumps over the lazy dog.",
        "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n",
        "for (int i = 0; i < 10; i++) {\n\tsum += a[i];\n}\n",
        "{\"key\": [1, 2, 3], \"nested\": {\"a\": null, \"b\": true}}",
        "https://example.com/path/to/page?query=1&x=y#frag //comment /* block */",
        "I love 🍕 and 🎉! 😀😃😄",
        "Family: 👨‍👩‍👧‍👦 couple: 👩‍❤️‍👨 fire heart: ❤️‍🔥",
        "Skin tones: 👍🏽 👋🏿 🧑🏻‍💻 flags: 🇫🇷🇯🇵🏳️‍🌈",
        "你好，世界！这是一个测试。",
        "こんにちは、世界。カタカナとひらがなと漢字",
        "안녕하세요 세계, 반갑습니다",
        "مرحبا بالعالم، هذا اختبار. ١٢٣",
        "שלום עולם",
        "नमस्ते दुनिया, यह एक परीक्षण है",
        "สวัสดีชาวโลก",
        "𝐀𝐁𝐂 𝒳𝒴𝒵 bold 𝐡𝐞𝐥𝐥𝐨 𝐖𝐨𝐫𝐥𝐝",
        "𠀀𠀁𠀂 and 𠮷野家 in CJK extension B",
        "𐐷𐐸 𐐏𐐐 Deseret and 𐌰𐌱𐌲 Gothic",
        "x𝐀y a𠀀b 𝐀'S 𝐚'𝐬 🙂𝐀",
        "a  b   c    d     e",
        "   leading spaces",
        "trailing spaces   ",
        "\t\ttabs\tand  spaces \t mixed",
        "line1\nline2\r\nline3\r\n\r\nline4\n\n\n",
        "\n\n\n",
        "  \n  \n  ",
        "word\n    indented\n\tand tabbed",
        " \u00a0 nbsp \u3000 ideographic\u2003em space\u2028line separator",
        "1234567890",
        "3.14159265358979323846",
        "1,000,000 and 12345678901234567890 and 007",
        "Call 555-0123 at 10:30pm on 2024-06-30.",
        "½ ² Ⅻ ٣٤٥ ０１２ numbers of other kinds",
        "I'm you're he's they've we'll I'd can't",
        "I'M YOU'RE HE'S THEY'VE WE'LL I'D CAN'T",
        "It'S MiXeD cAsE'Ll O'Neil's rock'n'roll 's 'd",
        "it'ſ the long s, it'ſab",
        "IT'SALL WE'VEGOT DON'TSTOP THEY'REHERE I'DLIKE YOU'LLSEE I'MOK it'Sab we'Ve",
        "camelCaseWord PascalCase snake_case SCREAMING_CASE HTTPServer iPhone XMLHttpRequest",
        "ǅemal ǅEMAL ʰʰab ABCdef aBC \u0301abc x\u0301Y ÀÉÎõü",
        "café naïve résumé coöperate façade",
        "cafe\u0301 combining\u0308 marks\u0301\u0302",
        "Hello世界123abc!?Ω≈ç√∫",
        "...!!!???---***///",
        "«quoted» „German“ ‘single’ \"double\" 'apostrophe'",
        "supercalifragilisticexpialidocious antidisestablishmentarianism",
        new string('a', 300),
        "QmFzZTY0RW5jb2RlZERhdGFXaXRoTG9uZ1J1bnNPZkxldHRlcnNBbmREaWdpdHMxMjM0NTY3ODkw",
        "a" + new string(' ', 40) + "b",
        "emoji\u200dzwj and \ufe0f variation",
    ];

    /// <summary>Text that canonical normalization changes: combining marks to compose or reorder, Hangul jamo,
    /// singletons (Ω), excluded compositions, compatibility characters NFC must leave alone.</summary>
    public static IReadOnlyList<string> Decomposed { get; } =
    [
        "cafe\u0301 n\u0303o A\u030A\u0301",
        "e\u0301\u0323 a\u0323\u0302 o\u031B\u0300",
        "\u1100\u1161\u11A8 \u1112\u1161\u11AB\u1100\u116E\u11A8 한국어",
        "\u2126 \u212B \u0344 \u0958 \uFB01 \u00C5",
        "\u0301leading mark, 𝐀\u0301, 😀\u0301",
        "plain ASCII stays",
    ];

    /// <summary>Strings that contain special tokens, for the tiktoken encodings (which know theirs).</summary>
    public static IReadOnlyList<string> WithSpecialTokens { get; } =
    [
        "<|endoftext|>",
        "Hello<|endoftext|>world",
        "before <|endoftext|> after<|endoftext|><|endoftext|>",
    ];
}
