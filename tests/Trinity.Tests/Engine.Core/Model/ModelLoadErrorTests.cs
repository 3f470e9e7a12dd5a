using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model;
using Trinity.Engine.Model.Onnx;

namespace Trinity.Tests.Engine.Core.Model;

/// <summary>A folder the engine cannot serve fails at load, in one line that names the problem.</summary>
public sealed class ModelLoadErrorTests
{
    [Fact]
    public void Load_UnsupportedOperator_OneLineNamingTheOperator()
    {
        var folder = FolderWithGraph(g =>
        {
            Io(g, OnnxDataType.Float);
            g.Node("attention", "FancyAttention", ["input_ids", "attention_mask"], ["logits"], domain: "com.example");
        }, [("", 17), ("com.example", 1)]);

        var error = Assert.Throws<ModelFormatException>(() => Open(folder));

        Assert.Contains("FancyAttention", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Load_Float16KvCache_OneLineNamingTheLayout()
    {
        var folder = FolderWithGraph(g =>
        {
            Io(g, OnnxDataType.Float16);
            g.Node("cast", "Cast", ["past_key_values.0.key"], ["logits"], [OnnxAttribute.Of("to", (long)OnnxDataType.Float)]);
        }, [("", 17)]);

        var error = Assert.Throws<ModelFormatException>(() => Open(folder));

        Assert.Contains("past KV is Float16", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static void Open(string folder)
    {
        using var engine = new InProcessEngine(ModelFolder.Open(folder), new EngineOptions());
    }

    /// <summary>The built-in model's I/O names for one layer, with the given KV element type.</summary>
    private static void Io(OnnxGraph g, OnnxDataType kvType)
    {
        g.Input("input_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        g.Input("attention_mask", OnnxDataType.Int64, "batch_size", "total_sequence_length");
        g.Input("past_key_values.0.key", kvType, "batch_size", 2L, "past_sequence_length", 32L);
        g.Input("past_key_values.0.value", kvType, "batch_size", 2L, "past_sequence_length", 32L);
        g.Output("logits", OnnxDataType.Float, "batch_size", "sequence_length", 512L);
    }

    /// <summary>A copy of the built-in model's folder (tokenizer, config) whose decoder is replaced, with one layer.</summary>
    private static string FolderWithGraph(Action<OnnxGraph> build, IReadOnlyList<(string, long)> opsets)
    {
        var folder = TestModels.TempDirectory("bad-graph");
        foreach (var file in Directory.EnumerateFiles(TestModels.TinyDirectory).Where(f => !f.Contains("model.onnx", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var configPath = Path.Combine(folder, ModelConfigReader.FileName);
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath))!;
        var decoder = config["model"]!["decoder"]!;
        decoder["num_hidden_layers"] = 1;
        decoder["num_key_value_heads"] = 2;
        decoder["head_size"] = 32;
        File.WriteAllText(configPath, config.ToJsonString());

        var graph = new OnnxGraph("bad");
        build(graph);
        OnnxModelWriter.Write(graph, Path.Combine(folder, "model.onnx"), new OnnxModelOptions { Opsets = opsets });
        return folder;
    }
}
