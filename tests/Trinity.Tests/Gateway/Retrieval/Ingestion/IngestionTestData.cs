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
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Trinity.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Trinity.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The repository's Markdown documentation, concatenated.</summary>
    public static string Documentation() =>
        string.Join("\n\n", new[] { "README.md", "docs/VECTOR_POOL.md", "docs/BENCHMARKS.md" }
            .Select(path => File.ReadAllText(Path.Combine(RepositoryRoot, path))));
}
