using Trinity.Engine.Model.Onnx;
using Trinity.Tokenization;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Engine.Core.Model.Embeddings;

/// <summary>A generated encoder folder: the built-in BPE tokenizer and a one-layer graph
/// <c>last_hidden_state = tanh(embed[input_ids] · W + 0.5 · attention_mask)</c>. Padded positions keep non-zero
/// states (as real encoders' do), so pooling that ignored the mask would give other vectors.</summary>
internal sealed class TinyEncoder
{
    public const int Hidden = 16;
    public const int Vocab = 300;

    private TinyEncoder(string directory, float[] embedding, float[] weight)
    {
        Directory = directory;
        Embedding = embedding;
        Weight = weight;
        Tokenizer = BpeTokenizer.FromFile(Path.Combine(directory, "tokenizer.json"));
    }

    public string Directory { get; }

    public float[] Embedding { get; }

    public float[] Weight { get; }

    public ITokenizer Tokenizer { get; }

    public static TinyEncoder Create(string directory)
    {
        BuiltInTokenizerFiles.Create(Vocab, 64).WriteTo(directory);
        var random = new Random(7);
        var embedding = Enumerable.Range(0, Vocab * Hidden).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var weight = Enumerable.Range(0, Hidden * Hidden).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        var g = new OnnxGraph("tiny_encoder");
        var ids = g.Input("input_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        var mask = g.Input("attention_mask", OnnxDataType.Int64, "batch_size", "sequence_length");
        g.Output("last_hidden_state", OnnxDataType.Float, "batch_size", "sequence_length", (long)Hidden);
        var table = g.Initializer(OnnxTensor.FromFloats("embed_tokens", [Vocab, Hidden], embedding));
        var w = g.Initializer(OnnxTensor.FromFloats("dense", [Hidden, Hidden], weight));
        var x = g.Op("Gather", [table, ids], [OnnxAttribute.Of("axis", 0L)]);
        var maskBias = g.Op("Mul", [
            g.Op("Unsqueeze", [g.Op("Cast", [mask], [OnnxAttribute.Of("to", (long)OnnxDataType.Float)]), g.Const("axis2", 2)]),
            g.ScalarConst("half", 0.5f)]);
        g.Op("Tanh", [g.Op("Add", [g.Op("MatMul", [x, w]), maskBias])], output: "last_hidden_state");
        OnnxModelWriter.Write(g, Path.Combine(directory, "model.onnx"), 17, "trinity-tests");
        return new TinyEncoder(directory, embedding, weight);
    }

    /// <summary>The sentence embedding computed by hand: mean of the token states, L2-normalised.</summary>
    public float[] Expected(string text)
    {
        var ids = Tokenizer.Encode(text);
        var sum = new double[Hidden];
        foreach (var id in ids)
        {
            for (var j = 0; j < Hidden; j++)
            {
                double dot = 0.5;
                for (var i = 0; i < Hidden; i++)
                {
                    dot += Embedding[(id * Hidden) + i] * Weight[(i * Hidden) + j];
                }

                sum[j] += Math.Tanh(dot);
            }
        }

        var norm = Math.Sqrt(sum.Sum(v => v * v));
        return [.. sum.Select(v => (float)(v / norm))];
    }
}
