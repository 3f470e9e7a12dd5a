using Trinity.Engine.Model;
using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Tests.Engine.Core.Model.BuiltIn;

/// <summary>Small generated models of every layout, precision and family, written once per test process.</summary>
internal static class LayoutModels
{
    private static readonly Lazy<string> Root = new(() => TestModels.TempDirectory("layouts"));
    private static readonly Dictionary<string, Lazy<ModelFolder>> Folders = new(StringComparer.Ordinal);

    /// <summary>Variant names as the test theories spell them: layout-precision-arch; precision int4zp is int4 with
    /// asymmetric blocks (zero points), which the model builder does not write by default.</summary>
    public static TheoryData<string> All => new()
    {
        "builder-fp32-llama", "builder-int4-llama", "builder-fp32-qwen2", "builder-int4-qwen2",
        "builder-fp32-phi3", "builder-int4-phi3", "builder-int4zp-llama", "classic-fp32-llama",
    };

    public static TinyModelSpec Spec(string variant)
    {
        var parts = variant.Split('-');
        return new TinyModelSpec
        {
            Layers = 2,
            Hidden = 128,
            Heads = 4,
            KvHeads = 2,
            Vocab = 512,
            MaxLength = 1024,
            Seed = 7,
            Layout = parts[0] == "classic" ? DecoderLayout.Classic : DecoderLayout.Builder,
            Precision = parts[1].StartsWith("int4", StringComparison.Ordinal) ? WeightPrecision.Int4 : WeightPrecision.Fp32,
            Int4Symmetric = parts[1] != "int4zp",
            Arch = parts[2] switch { "qwen2" => DecoderArch.Qwen2, "phi3" => DecoderArch.Phi3, _ => DecoderArch.Llama },
        };
    }

    public static ModelFolder Get(string variant)
    {
        Lazy<ModelFolder> folder;
        lock (Folders)
        {
            if (!Folders.TryGetValue(variant, out folder!))
            {
                folder = new Lazy<ModelFolder>(() =>
                {
                    var directory = Path.Combine(Root.Value, variant);
                    BuiltInModelWriter.Write(Spec(variant), directory);
                    return ModelFolder.Open(directory);
                });
                Folders[variant] = folder;
            }
        }

        return folder.Value;
    }
}
