using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization.SentencePiece;

/// <summary>Training text for the SentencePiece-style test vocabularies: the built-in model's English corpus plus
/// lines that give the vocabulary accented letters, a few CJK characters, indented code (whitespace-run pieces) and
/// numbers. Emoji and most CJK stay out, so those encode through byte fallback.</summary>
internal static class SpmStyleCorpus
{
    private const string Extra = """
        Café au lait, naïve résumé, coöperate façade, Zürich and São Paulo.
        世界 你好 世界 日本 東京 世界 你好
        def main():
            for item in items:
                if item:
                    print(item)
            return 0
        The year 2024 had 366 days; 3.14 is close to pi, and 1,000 is a thousand.
        She said: "Well -- that's it!" (and left). He'd go; they'll stay.
        """;

    public static string Text { get; } = LoadBuiltInCorpus() + "\n" + Extra;

    private static string LoadBuiltInCorpus()
    {
        using var stream = typeof(BuiltInTokenizerFiles).Assembly.GetManifestResourceStream("Trinity.Tokenization.Training.TrainingCorpus.txt")
            ?? throw new InvalidOperationException("The built-in training corpus resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
