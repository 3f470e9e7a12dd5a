using System.CommandLine;
using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Engine.Cli;

/// <summary><c>model create --out DIR [--layers --hidden --heads --kv-heads --vocab --max-length --seed --intermediate
/// --layout builder|classic --precision fp32|int4 --arch llama|qwen2|phi3]</c>.</summary>
internal static class ModelCreateCommand
{
    public static Command Create()
    {
        var defaults = new TinyModelSpec();
        var output = CliOptions.String("--out", "Folder to write (ONNX Runtime GenAI's layout)");
        var layers = CliOptions.Int("--layers", $"Decoder layers (default {defaults.Layers})", 1, 256);
        var hidden = CliOptions.Int("--hidden", $"Hidden size (default {defaults.Hidden})", 8, 16384);
        var heads = CliOptions.Int("--heads", $"Attention heads (default {defaults.Heads})", 1, 1024);
        var kvHeads = CliOptions.Int("--kv-heads", $"Key/value heads (default {defaults.KvHeads})", 1, 1024);
        var vocab = CliOptions.Int("--vocab", $"Vocabulary size (default {defaults.Vocab})", 300, 262144);
        var maxLength = CliOptions.Int("--max-length", $"Context length (default {defaults.MaxLength})", 16, 131072);
        var seed = CliOptions.ULong("--seed", $"Weight seed (default {defaults.Seed})");
        var intermediate = CliOptions.Int("--intermediate", "MLP size (default: from --hidden)", 1, 1 << 20);
        var layout = CliOptions.Choice("--layout", "Graph layout (default builder)", "builder", "classic");
        var precision = CliOptions.Choice("--precision", "Linear layers (default fp32)", "fp32", "int4");
        var arch = CliOptions.Choice("--arch", "Model family (default llama)", "llama", "qwen2", "phi3");
        var command = new Command("create", "Generate a deterministic decoder model folder (same arguments, same bytes)")
        {
            output, layers, hidden, heads, kvHeads, vocab, maxLength, seed, intermediate, layout, precision, arch,
        };
        CliOptions.Require(command, output);
        command.SetAction(result => Run(result.GetValue(output)!, new TinyModelSpec
        {
            Layers = result.GetValue(layers) ?? defaults.Layers,
            Hidden = result.GetValue(hidden) ?? defaults.Hidden,
            Heads = result.GetValue(heads) ?? defaults.Heads,
            KvHeads = result.GetValue(kvHeads) ?? defaults.KvHeads,
            Vocab = result.GetValue(vocab) ?? defaults.Vocab,
            MaxLength = result.GetValue(maxLength) ?? defaults.MaxLength,
            Seed = result.GetValue(seed) ?? defaults.Seed,
            Intermediate = result.GetValue(intermediate) ?? 0,
            Layout = result.GetValue(layout) switch
            {
                "classic" => DecoderLayout.Classic,
                "builder" => DecoderLayout.Builder,
                _ => defaults.Layout,
            },
            Precision = result.GetValue(precision) switch
            {
                "int4" => WeightPrecision.Int4,
                "fp32" => WeightPrecision.Fp32,
                _ => defaults.Precision,
            },
            Arch = result.GetValue(arch) switch
            {
                "qwen2" => DecoderArch.Qwen2,
                "phi3" => DecoderArch.Phi3,
                "llama" => DecoderArch.Llama,
                _ => defaults.Arch,
            },
        }));
        return new Command("model", "Built-in models") { command };
    }

    private static int Run(string output, TinyModelSpec spec)
    {
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
