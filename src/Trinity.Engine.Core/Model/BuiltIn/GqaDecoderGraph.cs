using A = Trinity.Engine.Model.Onnx.OnnxAttribute;
using Trinity.Engine.Model.Onnx;

namespace Trinity.Engine.Model.BuiltIn;

/// <summary>
/// The builder layout (<see cref="DecoderLayout.Builder"/>): the graph ONNX Runtime GenAI's model builder writes for
/// a Llama-family decoder on CPU, with its node, value and initializer names. Per layer: (Skip)SimplifiedLayerNorm,
/// one packed QKV projection (plus a packed bias for Qwen2), <c>GroupQueryAttention</c> with the rotary embedding
/// fused in (cos/sin caches [max_length, head_size/2]) and the KV cache as its past/present inputs and outputs, the
/// output projection, SkipSimplifiedLayerNorm, and a SwiGLU MLP (separate gate and up projections). The mask is
/// reduced to what GQA takes: <c>seqlens_k</c> = Σ attention_mask − 1 per row (int32) and
/// <c>total_sequence_length</c> = attention_mask's width (int32 scalar); there is no <c>position_ids</c> input,
/// positions follow from <c>seqlens_k</c>, so rows are right-padded.
/// With <see cref="WeightPrecision.Int4"/> every MatMul (lm_head included) becomes <c>MatMulNBits</c>, as the
/// builder's default quantizer does. The weights equal the classic layout's for the same seed.
/// </summary>
internal static class GqaDecoderGraph
{
    private const string Microsoft = "com.microsoft";
    private const int Int4AccuracyLevel = 4;

    /// <summary>The builder's model header: IR 10, opset 21 and com.microsoft 1, every initializer in <c>model.onnx.data</c>.</summary>
    public static OnnxModelOptions WriterOptions { get; } = new()
    {
        IrVersion = 10,
        Opsets = [(string.Empty, 21), (Microsoft, 1)],
        ExternalData = true,
    };

    public static OnnxGraph Build(TinyModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var g = new OnnxGraph("main_graph");
        var w = new WeightGenerator(spec.Seed);
        // Biases come from their own stream so that the other weights equal the classic layout's for the same seed.
        var biases = new WeightGenerator(spec.Seed ^ 0xB1A5B1A5B1A5B1A5UL);
        int e = spec.Hidden, h = spec.Heads, kv = spec.KvHeads, d = spec.HeadDim, f = spec.EffectiveIntermediate, v = spec.Vocab;
        var qkvWidth = (h + (2 * kv)) * d;

        g.Input("input_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        g.Input("attention_mask", OnnxDataType.Int64, "batch_size", "total_sequence_length");
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

        var (seqlensK, totalSequenceLength) = MaskReformat(g);

        var embed = g.Initializer(OnnxTensor.FromFloats("model.embed_tokens.weight", [v, e], w.Normal(v * e, 1f)));
        var embedded = Op(g, "/model/embed_tokens/Gather", "Gather", [embed, "input_ids"]);

        string root = embedded, skip = embedded;
        string? cos = null, sin = null;
        var residualScale = 1f / MathF.Sqrt(2f * spec.Layers);
        for (var l = 0; l < spec.Layers; l++)
        {
            var p = $"/model/layers.{l}";
            var inputNorm = w.Around(e, 1f, 0.1f);
            var wq = w.Normal(e * h * d, 1f / MathF.Sqrt(e));
            var wk = w.Normal(e * kv * d, 1f / MathF.Sqrt(e));
            var wv = w.Normal(e * kv * d, 1f / MathF.Sqrt(e));
            var wo = w.Normal(h * d * e, residualScale / MathF.Sqrt(h * d));
            var postNorm = w.Around(e, 1f, 0.1f);
            var gate = w.Normal(e * f, 1f / MathF.Sqrt(e));
            var up = w.Normal(e * f, 1f / MathF.Sqrt(e));
            var down = w.Normal(f * e, residualScale / MathF.Sqrt(f));

            string normed;
            if (l == 0)
            {
                normed = LayerNorm(g, spec, l, "input", root, inputNorm);
            }
            else
            {
                (normed, root) = SkipLayerNorm(g, spec, $"{p}/input_layernorm", $"model.layers.{l}.input_layernorm.weight", root, skip, inputNorm, last: false);
            }

            var qkv = Linear(g, spec, $"{p}/attn/qkv_proj/MatMul", normed, PackColumns(e, wq, h * d, wk, kv * d, wv, kv * d), e, qkvWidth);
            if (spec.Arch == DecoderArch.Qwen2)
            {
                var bias = g.Initializer(OnnxTensor.FromFloats($"model.layers.{l}.attn.qkv_proj.Add.bias", [qkvWidth], biases.Normal(qkvWidth, 0.1f)));
                qkv = Op(g, $"{p}/attn/qkv_proj/Add", "Add", [qkv, bias]);
            }

            if (cos is null || sin is null)
            {
                (cos, sin) = RotaryCaches(g, spec);
            }

            var attention = $"{p}/attn/GroupQueryAttention";
            g.Node(attention, "GroupQueryAttention",
                // Packed QKV: key and value stay empty. position_ids and attention_bias are not given.
                [qkv, string.Empty, string.Empty, $"past_key_values.{l}.key", $"past_key_values.{l}.value", seqlensK, totalSequenceLength, cos, sin],
                [$"{attention}/output_0", $"present.{l}.key", $"present.{l}.value"],
                [
                    A.Of("num_heads", (long)h), A.Of("kv_num_heads", (long)kv), A.Of("scale", 1f / MathF.Sqrt(d)),
                    A.Of("local_window_size", -1L), A.Of("softcap", 0f), A.Of("do_rotary", 1L), A.Of("rotary_interleaved", 0L),
                ],
                Microsoft);
            skip = Linear(g, spec, $"{p}/attn/o_proj/MatMul", $"{attention}/output_0", wo, h * d, e);

            (normed, root) = SkipLayerNorm(g, spec, $"{p}/post_attention_layernorm", $"model.layers.{l}.post_attention_layernorm.weight", root, skip, postNorm, last: false);
            var gateOut = Linear(g, spec, $"{p}/mlp/gate_proj/MatMul", normed, gate, e, f);
            var upOut = Linear(g, spec, $"{p}/mlp/up_proj/MatMul", normed, up, e, f);
            var sigmoid = Op(g, $"{p}/mlp/act_fn/Sigmoid", "Sigmoid", [gateOut]);
            var silu = Op(g, $"{p}/mlp/act_fn/Mul", "Mul", [gateOut, sigmoid]);
            var product = Op(g, $"{p}/mlp/Mul", "Mul", [silu, upOut]);
            skip = Linear(g, spec, $"{p}/mlp/down_proj/MatMul", product, down, f, e);
        }

        var n = spec.Layers;
        var (final, _) = SkipLayerNorm(g, spec, $"/model/layers.{n}/final_norm_layernorm", $"model.layers.{n}.final_norm_layernorm.weight", root, skip, w.Around(e, 1f, 0.1f), last: true);
        Linear(g, spec, "/lm_head/MatMul", final, w.Normal(e * v, 2.5f / MathF.Sqrt(e)), e, v, output: "logits");
        return g;
    }

    /// <summary>attention_mask → seqlens_k (Σ row − 1, int32 [B]) and total_sequence_length (its width, int32 scalar).</summary>
    private static (string SeqlensK, string TotalSequenceLength) MaskReformat(OnnxGraph g)
    {
        const string p = "/model/attn_mask_reformat/attn_mask_subgraph";
        var oneVector = Constant(g, "/model/constants/INT64/[1]", OnnxTensor.FromInt64s(string.Empty, [1], [1]));
        var oneScalar = Constant(g, "/model/constants/INT64/1", OnnxTensor.FromInt64s(string.Empty, [], [1]));
        var sum = Op(g, $"{p}/ReduceSum", "ReduceSum", ["attention_mask", oneVector], [A.Of("keepdims", 0L)]);
        var lastIndex = Op(g, $"{p}/Sub", "Sub", [sum, oneVector]);
        var seqlensK = Op(g, $"{p}/Sub/Cast", "Cast", [lastIndex], [A.Of("to", (long)OnnxDataType.Int32)]);
        var shape = Op(g, $"{p}/Shape", "Shape", ["attention_mask"]);
        var width = Op(g, $"{p}/Gather", "Gather", [shape, oneScalar], [A.Of("axis", 0L)]);
        var total = Op(g, $"{p}/Gather/Cast", "Cast", [width], [A.Of("to", (long)OnnxDataType.Int32)]);
        return (seqlensK, total);
    }

    /// <summary>cos/sin of pos · θ^(−2i/d) for every position up to max_length and i &lt; d/2: [max_length, d/2].</summary>
    private static (string Cos, string Sin) RotaryCaches(OnnxGraph g, TinyModelSpec spec)
    {
        int half = spec.HeadDim / 2, n = spec.MaxLength;
        var cos = new float[n * half];
        var sin = new float[n * half];
        for (var pos = 0; pos < n; pos++)
        {
            for (var i = 0; i < half; i++)
            {
                var angle = pos / Math.Pow(spec.RopeTheta, 2.0 * i / spec.HeadDim);
                cos[(pos * half) + i] = (float)Math.Cos(angle);
                sin[(pos * half) + i] = (float)Math.Sin(angle);
            }
        }

        return (g.Initializer(OnnxTensor.FromFloats("cos_cache", [n, half], cos)),
                g.Initializer(OnnxTensor.FromFloats("sin_cache", [n, half], sin)));
    }

    /// <summary>The first layer's input norm: SimplifiedLayerNormalization (default domain, ONNX Runtime's kernel).</summary>
    private static string LayerNorm(OnnxGraph g, TinyModelSpec spec, int layer, string location, string input, float[] weight)
    {
        var name = $"/model/layers.{layer}/{location}_layernorm";
        var scale = g.Initializer(OnnxTensor.FromFloats($"model.layers.{layer}.{location}_layernorm.weight", [weight.Length], weight));
        var output = $"{name}/output_0";
        g.Node($"{name}/LayerNorm", "SimplifiedLayerNormalization", [input, scale], [output],
            [A.Of("epsilon", spec.RmsEpsilon), A.Of("axis", -1L), A.Of("stash_type", 1L)]);
        return output;
    }

    /// <summary>
    /// SkipSimplifiedLayerNormalization (com.microsoft): normalises root + skip and, except for the final norm,
    /// also returns that sum (output 3) as the next residual.
    /// </summary>
    private static (string Normed, string Residual) SkipLayerNorm(OnnxGraph g, TinyModelSpec spec, string name, string weightName, string root, string skip, float[] weight, bool last)
    {
        var scale = g.Initializer(OnnxTensor.FromFloats(weightName, [weight.Length], weight));
        var output = $"{name}/output_0";
        var residual = $"{name}/output_3";
        g.Node($"{name}/SkipLayerNorm", "SkipSimplifiedLayerNormalization", [root, skip, scale],
            last ? [output] : [output, string.Empty, string.Empty, residual], [A.Of("epsilon", spec.RmsEpsilon)], Microsoft);
        return (output, last ? output : residual);
    }

    /// <summary>
    /// x · W for W row-major [<paramref name="k"/>, <paramref name="n"/>]: a MatMul with <c>{name}.weight</c>, or for
    /// int4 the quantizer's replacement, a MatMulNBits named <c>{name}_Q4</c> with <c>{weight}_Q4</c>, <c>{weight}_scales</c>
    /// (and <c>{weight}_zero_points</c> when asymmetric).
    /// </summary>
    private static string Linear(OnnxGraph g, TinyModelSpec spec, string name, string input, float[] weight, int k, int n, string? output = null)
    {
        var weightName = name[1..].Replace('/', '.') + ".weight";
        output ??= $"{name}/output_0";
        if (spec.Precision == WeightPrecision.Fp32)
        {
            g.Node(name, "MatMul", [input, g.Initializer(OnnxTensor.FromFloats(weightName, [k, n], weight))], [output]);
            return output;
        }

        var q = Int4BlockQuantizer.Quantize(weight, k, n, spec.Int4Symmetric);
        List<string> inputs =
        [
            input,
            g.Initializer(OnnxTensor.FromBytes(weightName + "_Q4", [n, q.Blocks, Int4BlockQuantizer.BlockSize / 2], q.Packed)),
            g.Initializer(OnnxTensor.FromFloats(weightName + "_scales", [q.Scales.Length], q.Scales)),
        ];
        if (q.ZeroPoints is { } zeroPoints)
        {
            inputs.Add(g.Initializer(OnnxTensor.FromBytes(weightName + "_zero_points", [zeroPoints.Length], zeroPoints)));
        }

        g.Node(name + "_Q4", "MatMulNBits", [.. inputs], [output],
        [
            A.Of("K", (long)k), A.Of("N", (long)n), A.Of("bits", (long)Int4BlockQuantizer.Bits),
            A.Of("block_size", (long)Int4BlockQuantizer.BlockSize), A.Of("accuracy_level", (long)Int4AccuracyLevel),
        ],
        Microsoft);
        return output;
    }

    /// <summary>Concatenates row-major [k, nᵢ] matrices along their columns: [k, Σnᵢ].</summary>
    private static float[] PackColumns(int k, float[] a, int na, float[] b, int nb, float[] c, int nc)
    {
        var n = na + nb + nc;
        var packed = new float[k * n];
        for (var row = 0; row < k; row++)
        {
            a.AsSpan(row * na, na).CopyTo(packed.AsSpan(row * n));
            b.AsSpan(row * nb, nb).CopyTo(packed.AsSpan((row * n) + na));
            c.AsSpan(row * nc, nc).CopyTo(packed.AsSpan((row * n) + na + nb));
        }

        return packed;
    }

    private static string Op(OnnxGraph g, string name, string opType, string[] inputs, OnnxAttribute[]? attributes = null)
    {
        var output = $"{name}/output_0";
        g.Node(name, opType, inputs, [output], attributes);
        return output;
    }

    /// <summary>A Constant node, as the builder writes its small constants (they stay out of the data file).</summary>
    private static string Constant(OnnxGraph g, string name, OnnxTensor value)
    {
        g.Node(name.Replace("constants", "constant_nodes", StringComparison.Ordinal), "Constant", [], [name], [A.Of("value", value)]);
        return name;
    }
}
