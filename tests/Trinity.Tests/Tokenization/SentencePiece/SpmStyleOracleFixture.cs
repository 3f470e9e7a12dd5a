using Trinity.Tests.Tokenization.Oracles;

namespace Trinity.Tests.Tokenization.SentencePiece;

/// <summary>Writes one model folder per <see cref="SpmStyleForms"/> layout and runs Hugging Face's tokenizers (npm)
/// once over all of them and <see cref="SpmStyleStrings.All"/>.</summary>
public sealed class SpmStyleOracleFixture : IDisposable
{
    private readonly string _root = TestModels.TempDirectory("spm-tokenizers");
    private readonly Dictionary<string, string> _folders = [];
    private readonly Dictionary<string, HuggingFaceTokenizersOracle.Answers> _answers = [];

    public SpmStyleOracleFixture()
    {
        foreach (var (name, options) in SpmStyleForms.All)
        {
            var folder = Path.Combine(_root, name);
            SpmStyleModelFolder.Create(folder, options);
            _folders[name] = folder;
        }

        var package = OraclePackages.Fetch(OraclePackages.TokenizersName, OraclePackages.TokenizersVersion, OraclePackages.TokenizersIntegrity);
        var files = _folders.Values.Select(folder => Path.Combine(folder, "tokenizer.json")).ToList();
        var answers = HuggingFaceTokenizersOracle.Run(package, files, SpmStyleStrings.All, SpmStyleStrings.IdLists);
        foreach (var (name, folder) in _folders)
        {
            _answers[name] = answers[Path.Combine(folder, "tokenizer.json")];
        }
    }

    /// <summary>The model folder of a layout.</summary>
    public string Folder(string form) => _folders[form];

    /// <summary>Hugging Face's answers for a layout, in the order of <see cref="SpmStyleStrings.All"/>.</summary>
    internal HuggingFaceTokenizersOracle.Answers HuggingFace(string form) => _answers[form];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
