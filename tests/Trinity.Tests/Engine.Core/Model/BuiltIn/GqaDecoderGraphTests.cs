using System.Text.Json;
using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Tests.Engine.Core.Model.BuiltIn;

/// <summary>The builder layout read back from disk: the model builder's operators, I/O and data file.</summary>
public sealed class GqaDecoderGraphTests
{
    public static TheoryData<string> BuilderVariants => new()
    {
        "builder-fp32-llama", "builder-int4-llama", "builder-fp32-qwen2", "builder-int4-qwen2", "builder-fp32-phi3", "builder-int4-phi3", "builder-int4zp-llama",
    };

    [Theory]
    [MemberData(nameof(BuilderVariants))]
    public void Build_BuilderLayout_HasTheModelBuildersOperators(string variant)
    {
        var spec = LayoutModels.Spec(variant);
        var model = OnnxModelReader.Read(Path.Combine(LayoutModels.Get(variant).Directory, "model.onnx"));
        int layers = spec.Layers, linear = (5 * layers) + 1;

        Assert.Equal(10, model.IrVersion);
        Assert.Equal(21, model.Opsets[string.Empty]);
        Assert.Equal(1, model.Opsets["com.microsoft"]);
        Assert.Equal(["input_ids", "attention_mask", .. Enumerable.Range(0, layers).SelectMany(l => new[] { $"past_key_values.{l}.key", $"past_key_values.{l}.value" })], model.Inputs);
        Assert.Equal(["logits", .. Enumerable.Range(0, layers).SelectMany(l => new[] { $"present.{l}.key", $"present.{l}.value" })], model.Outputs);

        Assert.Equal(layers, model.Count("GroupQueryAttention"));
        Assert.Equal(1, model.Count("SimplifiedLayerNormalization"));
        Assert.Equal(2 * layers, model.Count("SkipSimplifiedLayerNormalization"));
        Assert.All(model.Nodes.Where(n => n.OpType is "GroupQueryAttention" or "SkipSimplifiedLayerNormalization" or "MatMulNBits"), n => Assert.Equal("com.microsoft", n.Domain));
        Assert.Equal(string.Empty, model.Nodes.Single(n => n.OpType == "SimplifiedLayerNormalization").Domain);
        Assert.Equal(spec.Precision == WeightPrecision.Int4 ? 0 : linear, model.Count("MatMul"));
        Assert.Equal(spec.Precision == WeightPrecision.Int4 ? linear : 0, model.Count("MatMulNBits"));
        Assert.Equal(spec.Arch == DecoderArch.Qwen2 ? layers : 0, model.Nodes.Count(n => n.OpType == "Add" && n.Name.EndsWith("/attn/qkv_proj/Add", StringComparison.Ordinal)));

        foreach (var nbits in model.Nodes.Where(n => n.OpType == "MatMulNBits"))
        {
            Assert.Equal(4L, nbits.Attributes["bits"]);
            Assert.Equal(32L, nbits.Attributes["block_size"]);
            Assert.Equal(4L, nbits.Attributes["accuracy_level"]);
            // Symmetric blocks: no zero points (the operator's default is 8); asymmetric: a fourth input.
            Assert.Equal(spec.Int4Symmetric ? 3 : 4, nbits.Inputs.Count);
            var b = model.Initializers.Single(t => t.Name == nbits.Inputs[1]);
            Assert.Equal([(long)nbits.Attributes["N"]!, ((long)nbits.Attributes["K"]! + 31) / 32, 16L], b.Dims);
            Assert.Equal(2, b.DataType); // uint8
        }
    }

    [Theory]
    [MemberData(nameof(BuilderVariants))]
    public void Build_BuilderLayout_GroupQueryAttentionWiredAsTheBuilderDoes(string variant)
    {
        var spec = LayoutModels.Spec(variant);
        var model = OnnxModelReader.Read(Path.Combine(LayoutModels.Get(variant).Directory, "model.onnx"));
        var producers = model.Nodes.SelectMany(n => n.Outputs.Select(o => (Output: o, Node: n))).Where(p => p.Output.Length > 0).ToDictionary(p => p.Output, p => p.Node);

        var gqa = model.Nodes.Where(n => n.OpType == "GroupQueryAttention").ToList();
        for (var l = 0; l < gqa.Count; l++)
        {
            var node = gqa[l];
            Assert.Equal(1L, node.Attributes["do_rotary"]);
            Assert.Equal(0L, node.Attributes["rotary_interleaved"]);
            Assert.Equal((long)spec.Heads, node.Attributes["num_heads"]);
            Assert.Equal((long)spec.KvHeads, node.Attributes["kv_num_heads"]);
            Assert.Equal(1f / MathF.Sqrt(spec.HeadDim), (float)node.Attributes["scale"]!);
            // Packed QKV [B, S, (H + 2G)·D] as the query; key and value empty.
            Assert.Equal(spec.Arch == DecoderArch.Qwen2 ? "Add" : spec.Precision == WeightPrecision.Int4 ? "MatMulNBits" : "MatMul", producers[node.Inputs[0]].OpType);
            Assert.Equal(["", "", $"past_key_values.{l}.key", $"past_key_values.{l}.value"], node.Inputs.Skip(1).Take(4));
            Assert.Equal([$"present.{l}.key", $"present.{l}.value"], node.Outputs.Skip(1));
            // seqlens_k = int32(ReduceSum(attention_mask, axis 1) - 1), total_sequence_length = int32(attention_mask.shape[1]).
            var seqlens = producers[node.Inputs[5]];
            Assert.Equal(("Cast", 6L), (seqlens.OpType, (long)seqlens.Attributes["to"]!));
            var sub = producers[seqlens.Inputs[0]];
            Assert.Equal("Sub", sub.OpType);
            Assert.Equal(("ReduceSum", "attention_mask"), (producers[sub.Inputs[0]].OpType, producers[sub.Inputs[0]].Inputs[0]));
            var total = producers[node.Inputs[6]];
            Assert.Equal(("Cast", 6L), (total.OpType, (long)total.Attributes["to"]!));
            var gather = producers[total.Inputs[0]];
            Assert.Equal(("Gather", "Shape", "attention_mask"), (gather.OpType, producers[gather.Inputs[0]].OpType, producers[gather.Inputs[0]].Inputs[0]));
            // cos/sin caches [max_length, head_size / 2].
            foreach (var cache in node.Inputs.Skip(7).Take(2))
            {
                Assert.Equal([spec.MaxLength, spec.HeadDim / 2], model.Initializers.Single(t => t.Name == cache).Dims);
            }
        }
    }

    [Fact]
    public void Write_BuilderLayout_EveryInitializerInAlignedDataFile()
    {
        // Vocab 2048 × hidden 256 makes the embedding and lm_head 2 MiB: above the 1 MiB alignment threshold.
        var directory = Path.Combine(TestModels.TempDirectory("external"), "m");
        BuiltInModelWriter.Write(new TinyModelSpec { Layers = 1, Hidden = 256, Heads = 8, KvHeads = 2, Vocab = 2048, MaxLength = 64 }, directory);
        var model = OnnxModelReader.Read(Path.Combine(directory, "model.onnx"));
        var dataLength = new FileInfo(Path.Combine(directory, "model.onnx.data")).Length;

        Assert.NotEmpty(model.Initializers);
        var ranges = new List<(long Offset, long Length)>();
        foreach (var tensor in model.Initializers)
        {
            Assert.Equal(1, tensor.DataLocation);
            Assert.Null(tensor.RawData);
            Assert.Equal("model.onnx.data", tensor.External["location"]);
            var offset = long.Parse(tensor.External["offset"], System.Globalization.CultureInfo.InvariantCulture);
            var length = long.Parse(tensor.External["length"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(tensor.Dims.Aggregate(1L, (a, b) => a * b) * (tensor.DataType == 2 ? 1 : 4), length);
            Assert.True(offset + length <= dataLength);
            if (length > 1 << 20)
            {
                Assert.Equal(0, offset % (1 << 16));
            }

            ranges.Add((offset, length));
        }

        ranges.Sort();
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.True(ranges[i - 1].Offset + ranges[i - 1].Length <= ranges[i].Offset, "tensors overlap in model.onnx.data");
        }

        Assert.Contains(ranges, r => r.Length > 1 << 20);
        // The graph's small constants are Constant nodes, not initializers: nothing but weights in the data file.
        Assert.All(model.Nodes.Where(n => n.OpType == "Constant"), n => Assert.StartsWith("/model/constant_nodes/", n.Name, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(LayoutModels.All), MemberType = typeof(LayoutModels))]
    public void Write_Config_SharedBufferAndNoPositionIdsExactlyForTheBuilderLayout(string variant)
    {
        var spec = LayoutModels.Spec(variant);
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(LayoutModels.Get(variant).Directory, "genai_config.json")));
        var builder = spec.Layout == DecoderLayout.Builder;

        Assert.Equal(builder, config.RootElement.GetProperty("search").GetProperty("past_present_share_buffer").GetBoolean());
        Assert.Equal(!builder, config.RootElement.GetProperty("model").GetProperty("decoder").GetProperty("inputs").TryGetProperty("position_ids", out _));
        Assert.Equal(variant.Split('-')[2], config.RootElement.GetProperty("model").GetProperty("type").GetString());
        Assert.Equal(builder, File.Exists(Path.Combine(LayoutModels.Get(variant).Directory, "model.onnx.data")));
    }
}
