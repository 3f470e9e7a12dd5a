using Trinity.Bench.Load.Launch;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

/// <summary>Texts for the ingestion tests: the repository's own documentation and hand-made multilingual text.</summary>
internal static class IngestionTestData
{
    /// <summary>Emoji (single, ZWJ sequences, flags, skin tones), combining accents, CJK and Cyrillic.</summary>
    public const string Multibyte =
        "Grüße aus Köln! 👋🏽 Die Familie 👨‍👩‍👧‍👦 reist nach 🇫🇷 und 🇯🇵. Café au lait — e\u0301te\u0301. "
        + "東京は日本の首都です。大阪も大きな都市です。Москва — столица России. 🚀🌍✨ Ünïcödé tëxt wïth dïäcrïtïcs. "
        + "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝔪𝔞𝔱𝔥 and 🧑‍💻 programmers writing 🦀 code. ";

    /// <summary>The repository root (the folder holding <c>Trinity.sln</c>).</summary>
    public static string RepositoryRoot =>
        RepositoryPaths.Root() ?? throw new InvalidOperationException("Trinity.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The repository's README and two docs, cut to <see cref="DocumentationChars"/> characters so that tests do
    /// not break when the docs grow past the ingestion endpoint's per-document limit.</summary>
    public static string Documentation()
    {
        var text = string.Join("\n\n", new[] { "README.md", "docs/VECTOR_POOL.md", "docs/BENCHMARKS.md" }
            .Select(path => File.ReadAllText(Path.Combine(RepositoryRoot, path))));
        if (text.Length <= DocumentationChars)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[DocumentationChars - 1]) ? DocumentationChars - 1 : DocumentationChars;
        return text[..end];
    }

    /// <summary>Under the 50,000-character document limit, with room for a heading.</summary>
    public const int DocumentationChars = 40_000;
}
