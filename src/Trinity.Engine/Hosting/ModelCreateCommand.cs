using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Engine.Hosting;

/// <summary><c>model create --out DIR [--layers --hidden --heads --kv-heads --vocab --max-length --seed --intermediate]</c>.</summary>
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
        };
        args.RejectUnknown();
        if (spec.Validate() is { } problem)
        {
            throw new CliUsageException(problem);
        }

        BuiltInModelWriter.Write(spec, output);
        Console.WriteLine($"wrote {Path.GetFullPath(output)} ({spec.Layers} layers, hidden {spec.Hidden}, {spec.Heads} heads / {spec.KvHeads} kv heads, vocab {spec.Vocab}, max length {spec.MaxLength}, seed {spec.Seed})");
        return 0;
    }
}
