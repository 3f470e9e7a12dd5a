using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Engine.Cli;

/// <summary><c>model create --out DIR [--layers --hidden --heads --kv-heads --vocab --max-length --seed --intermediate
/// --layout builder|classic --precision fp32|int4 --arch llama|qwen2|phi3]</c>.</summary>
internal static class ModelCreateCommand
{
    public static int Run(CliArguments args)
    {
        var defaults = new TinyModelSpec();
        var output = args.RequiredString("out");
        var spec = new TinyModelSpec
        {
            Layers = args.Int("layers", 1, 256) ?? defaults.Layers,
            Hidden = args.Int("hidden", 8, 16384) ?? defaults.Hidden,
            Heads = args.Int("heads", 1, 1024) ?? defaults.Heads,
            KvHeads = args.Int("kv-heads", 1, 1024) ?? defaults.KvHeads,
            Vocab = args.Int("vocab", 300, 262144) ?? defaults.Vocab,
            MaxLength = args.Int("max-length", 16, 131072) ?? defaults.MaxLength,
            Seed = args.ULong("seed") ?? defaults.Seed,
            Intermediate = args.Int("intermediate", 1, 1 << 20) ?? 0,
            Layout = args.Choice("layout", "builder", "classic") switch
            {
                "classic" => DecoderLayout.Classic,
                "builder" => DecoderLayout.Builder,
                _ => defaults.Layout,
            },
            Precision = args.Choice("precision", "fp32", "int4") switch
            {
                "int4" => WeightPrecision.Int4,
                "fp32" => WeightPrecision.Fp32,
                _ => defaults.Precision,
            },
            Arch = args.Choice("arch", "llama", "qwen2", "phi3") switch
            {
                "qwen2" => DecoderArch.Qwen2,
                "phi3" => DecoderArch.Phi3,
                "llama" => DecoderArch.Llama,
                _ => defaults.Arch,
            },
        };
        args.RejectUnknown();
        if (spec.Validate() is { } problem)
        {
            throw new CliUsageException(problem);
        }

        BuiltInModelWriter.Write(spec, output);
        var layout = $"{spec.Layout.ToString().ToLowerInvariant()} layout, {spec.Arch.ToString().ToLowerInvariant()}, {spec.Precision.ToString().ToLowerInvariant()}";
        Console.WriteLine($"wrote {Path.GetFullPath(output)} ({layout}; {spec.Layers} layers, hidden {spec.Hidden}, {spec.Heads} heads / {spec.KvHeads} kv heads, vocab {spec.Vocab}, max length {spec.MaxLength}, seed {spec.Seed})");
        return 0;
    }
}
