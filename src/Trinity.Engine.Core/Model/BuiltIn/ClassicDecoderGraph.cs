using A = Trinity.Engine.Model.Onnx.OnnxAttribute;
using Trinity.Engine.Model.Onnx;

namespace Trinity.Engine.Model.BuiltIn;

/// <summary>
/// The classic layout (<see cref="DecoderLayout.Classic"/>): a Llama-style decoder graph from standard ONNX ops
/// (opset 17) with the I/O names of ONNX Runtime GenAI's model builder: RMSNorm, rotary embeddings indexed by
/// <c>position_ids</c>, grouped-query attention with a Concat-based KV cache, a causal mask combined with
/// <c>attention_mask</c> (so left-padded batches work), and a SwiGLU MLP.
/// </summary>
internal static class ClassicDecoderGraph
{
    public const long Opset = 17;

    public static OnnxGraph Build(TinyModelSpec spec)
    {
        var g = new OnnxGraph("trinity_decoder");
        var w = new WeightGenerator(spec.Seed);
        int e = spec.Hidden, h = spec.Heads, kv = spec.KvHeads, d = spec.HeadDim, f = spec.EffectiveIntermediate, v = spec.Vocab;

        var inputIds = g.Input("input_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        var attentionMask = g.Input("attention_mask", OnnxDataType.Int64, "batch_size", "total_sequence_length");
        var positionIds = g.Input("position_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        for (var l = 0; l < spec.Layers; l++)
        {
            g.Input($"past_key_values.{l}.key", OnnxDataType.Float, "batch_size", (long)kv, "past_sequence_length", (long)d);
            g.Input($"past_key_values.{l}.value", OnnxDataType.Float, "batch_size", (long)kv, "past_sequence_length", (long)d);
        }

        g.Output("logits", OnnxDataType.Float, "batch_size", "sequence_length", (long)v);
        for (var l = 0; l < spec.Layers; l++)
        {
            g.Output($"present.{l}.key", OnnxDataType.Float, "batch_size", (long)kv, "total_sequence_length", (long)d);
            g.Output($"present.{l}.value", OnnxDataType.Float, "batch_size", (long)kv, "total_sequence_length", (long)d);
        }

        var embed = Weight(g, "model.embed_tokens.weight", [v, e], w.Normal(v * e, 1f));
        var x = g.Op("Gather", [embed, inputIds], [A.Of("axis", 0L)]);
        var bias = AttentionBias(g, attentionMask);
        var (cos, sin) = Rotary(g, spec, positionIds);

        var residualScale = 1f / MathF.Sqrt(2f * spec.Layers);
        for (var l = 0; l < spec.Layers; l++)
        {
            var p = $"model.layers.{l}";
            var normed = RmsNorm(g, spec, x, Weight(g, $"{p}.input_layernorm.weight", [e], w.Around(e, 1f, 0.1f)));
            var wq = Weight(g, $"{p}.attn.q_proj.weight", [e, h * d], w.Normal(e * h * d, 1f / MathF.Sqrt(e)));
            var wk = Weight(g, $"{p}.attn.k_proj.weight", [e, kv * d], w.Normal(e * kv * d, 1f / MathF.Sqrt(e)));
            var wv = Weight(g, $"{p}.attn.v_proj.weight", [e, kv * d], w.Normal(e * kv * d, 1f / MathF.Sqrt(e)));
            var wo = Weight(g, $"{p}.attn.o_proj.weight", [h * d, e], w.Normal(h * d * e, residualScale / MathF.Sqrt(h * d)));

            var q = Rope(g, Heads(g, g.Op("MatMul", [normed, wq]), h, d), cos, sin, d);
            var k = Rope(g, Heads(g, g.Op("MatMul", [normed, wk]), kv, d), cos, sin, d);
            var val = Heads(g, g.Op("MatMul", [normed, wv]), kv, d);
            var kAll = g.Op("Concat", [$"past_key_values.{l}.key", k], [A.Of("axis", 2L)], $"present.{l}.key");
            var vAll = g.Op("Concat", [$"past_key_values.{l}.value", val], [A.Of("axis", 2L)], $"present.{l}.value");

            var context = Attention(g, q, kAll, vAll, bias, h, kv, d);
            x = g.Op("Add", [x, g.Op("MatMul", [context, wo])]);

            var normed2 = RmsNorm(g, spec, x, Weight(g, $"{p}.post_attention_layernorm.weight", [e], w.Around(e, 1f, 0.1f)));
            var gate = g.Op("MatMul", [normed2, Weight(g, $"{p}.mlp.gate_proj.weight", [e, f], w.Normal(e * f, 1f / MathF.Sqrt(e)))]);
            var up = g.Op("MatMul", [normed2, Weight(g, $"{p}.mlp.up_proj.weight", [e, f], w.Normal(e * f, 1f / MathF.Sqrt(e)))]);
            var act = g.Op("Mul", [g.Op("Mul", [gate, g.Op("Sigmoid", [gate])]), up]);
            var down = g.Op("MatMul", [act, Weight(g, $"{p}.mlp.down_proj.weight", [f, e], w.Normal(f * e, residualScale / MathF.Sqrt(f)))]);
            x = g.Op("Add", [x, down]);
        }

        var final = RmsNorm(g, spec, x, Weight(g, "model.norm.weight", [e], w.Around(e, 1f, 0.1f)));
        var lmHead = Weight(g, "lm_head.weight", [e, v], w.Normal(e * v, 2.5f / MathF.Sqrt(e)));
        g.Op("MatMul", [final, lmHead], output: "logits");
        return g;
    }

    private static string Weight(OnnxGraph g, string name, long[] dims, float[] values) =>
        g.Initializer(OnnxTensor.FromFloats(name, dims, values));

    /// <summary>[B,1,S,T] additive bias: 0 where query i may see key j (j ≤ past+i and the key is not padding), else -1e9.</summary>
    private static string AttentionBias(OnnxGraph g, string attentionMask)
    {
        var zero = g.Initializer(OnnxTensor.FromInt64s(g.Fresh("zero"), [], [0]));
        var one = g.Initializer(OnnxTensor.FromInt64s(g.Fresh("one"), [], [1]));
        var axis0 = g.Const("axis0", 0);
        var pastLen = g.Op("Squeeze", [g.Op("Shape", ["past_key_values.0.key"], [A.Of("start", 2L), A.Of("end", 3L)]), axis0]);
        var totalLen = g.Op("Squeeze", [g.Op("Shape", [attentionMask], [A.Of("start", 1L), A.Of("end", 2L)]), axis0]);
        var queryPos = g.Op("Range", [pastLen, totalLen, one]);
        var keyPos = g.Op("Range", [zero, totalLen, one]);
        var causal = g.Op("LessOrEqual", [g.Op("Unsqueeze", [keyPos, axis0]), g.Op("Unsqueeze", [queryPos, g.Const("axis1", 1)])]);
        var causal4 = g.Op("Unsqueeze", [causal, g.Const("axes01", 0, 1)]);
        var notPadding = g.Op("Unsqueeze", [g.Op("Cast", [attentionMask], [A.Of("to", (long)OnnxDataType.Bool)]), g.Const("axes12", 1, 2)]);
        var allowed = g.Op("And", [causal4, notPadding]);
        return g.Op("Where", [allowed, g.ScalarConst("mask_zero", 0f), g.ScalarConst("mask_min", -1e9f)]);
    }

    /// <summary>cos and sin tables gathered at <c>position_ids</c>, shaped [B,1,S,D] to broadcast over heads.</summary>
    private static (string Cos, string Sin) Rotary(OnnxGraph g, TinyModelSpec spec, string positionIds)
    {
        int d = spec.HeadDim, n = spec.MaxLength;
        var cos = new float[n * d];
        var sin = new float[n * d];
        for (var pos = 0; pos < n; pos++)
        {
            for (var i = 0; i < d / 2; i++)
            {
                var angle = pos / Math.Pow(spec.RopeTheta, 2.0 * i / d);
                cos[(pos * d) + i] = cos[(pos * d) + i + (d / 2)] = (float)Math.Cos(angle);
                sin[(pos * d) + i] = sin[(pos * d) + i + (d / 2)] = (float)Math.Sin(angle);
            }
        }

        var cosTable = g.Initializer(OnnxTensor.FromFloats("model.rotary.cos_cache", [n, d], cos));
        var sinTable = g.Initializer(OnnxTensor.FromFloats("model.rotary.sin_cache", [n, d], sin));
        var axis1 = g.Const("axis1", 1);
        return (g.Op("Unsqueeze", [g.Op("Gather", [cosTable, positionIds]), axis1]),
                g.Op("Unsqueeze", [g.Op("Gather", [sinTable, positionIds]), axis1]));
    }

    /// <summary>x·cos + rotate_half(x)·sin, rotate_half(x) = [-x₂, x₁] over the two halves of the head.</summary>
    private static string Rope(OnnxGraph g, string x, string cos, string sin, int d)
    {
        var halves = g.OpMulti("Split", [x, g.Const("halves", d / 2, d / 2)], 2, [A.Of("axis", -1L)]);
        var rotated = g.Op("Concat", [g.Op("Neg", [halves[1]]), halves[0]], [A.Of("axis", -1L)]);
        return g.Op("Add", [g.Op("Mul", [x, cos]), g.Op("Mul", [rotated, sin])]);
    }

    /// <summary>[B,S,n·d] → [B,n,S,d].</summary>
    private static string Heads(OnnxGraph g, string x, int n, int d) =>
        g.Op("Transpose", [g.Op("Reshape", [x, g.Const("heads_shape", 0, 0, n, d)])], [A.Of("perm", new long[] { 0, 2, 1, 3 })]);

    /// <summary>
    /// Grouped-query attention without materialising repeated K/V: the query heads that share a KV head are
    /// contiguous, so [B,H,S,D] is viewed as [B,G,(H/G)·S,D] and multiplied with that group's keys directly.
    /// </summary>
    private static string Attention(OnnxGraph g, string q, string k, string v, string bias, int h, int kv, int d)
    {
        var grouped = g.Op("Reshape", [q, g.Const("group_shape", 0, kv, -1, d)]);
        var scores = g.Op("MatMul", [grouped, g.Op("Transpose", [k], [A.Of("perm", new long[] { 0, 1, 3, 2 })])]);
        scores = g.Op("Mul", [scores, g.ScalarConst("scale", 1f / MathF.Sqrt(d))]);
        scores = g.Op("Add", [g.Op("Reshape", [scores, g.Const("scores_shape", 0, h, -1, 0)]), bias]);
        var probs = g.Op("Softmax", [scores], [A.Of("axis", -1L)]);
        var context = g.Op("MatMul", [g.Op("Reshape", [probs, g.Const("probs_shape", 0, kv, -1, 0)]), v]);
        context = g.Op("Reshape", [context, g.Const("context_heads", 0, h, -1, d)]);
        context = g.Op("Transpose", [context], [A.Of("perm", new long[] { 0, 2, 1, 3 })]);
        return g.Op("Reshape", [context, g.Const("context_shape", 0, 0, h * d)]);
    }

    private static string RmsNorm(OnnxGraph g, TinyModelSpec spec, string x, string weight)
    {
        var meanSquare = g.Op("ReduceMean", [g.Op("Mul", [x, x])], [A.Of("axes", new long[] { -1 }), A.Of("keepdims", 1L)]);
        var inverse = g.Op("Reciprocal", [g.Op("Sqrt", [g.Op("Add", [meanSquare, g.ScalarConst("rms_eps", spec.RmsEpsilon)])])]);
        return g.Op("Mul", [g.Op("Mul", [x, inverse]), weight]);
    }
}
