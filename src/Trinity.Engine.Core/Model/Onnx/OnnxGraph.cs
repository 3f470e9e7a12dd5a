namespace Trinity.Engine.Model.Onnx;

/// <summary>
/// A graph under construction: inputs, outputs, initializers and nodes in insertion order. Node and value
/// names are generated deterministically, so the same construction code always yields the same bytes.
/// </summary>
internal sealed class OnnxGraph(string name)
{
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public List<OnnxValueInfo> Inputs { get; } = [];

    public List<OnnxValueInfo> Outputs { get; } = [];

    public List<OnnxTensor> Initializers { get; } = [];

    public List<OnnxNode> Nodes { get; } = [];

    public string Input(string name, OnnxDataType type, params object[] shape)
    {
        Inputs.Add(new OnnxValueInfo(name, type, shape));
        return name;
    }

    public void Output(string name, OnnxDataType type, params object[] shape) => Outputs.Add(new OnnxValueInfo(name, type, shape));

    public string Initializer(OnnxTensor tensor)
    {
        Initializers.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A 1-D int64 constant; identical constants are shared.</summary>
    public string Const(string hint, params long[] values)
    {
        var key = "i:" + string.Join(',', values);
        if (!_constants.TryGetValue(key, out var name))
        {
            name = Initializer(OnnxTensor.FromInt64s(Fresh(hint), [values.Length], values));
            _constants[key] = name;
        }

        return name;
    }

    /// <summary>A float scalar constant; identical constants are shared.</summary>
    public string ScalarConst(string hint, float value)
    {
        var key = "f:" + BitConverter.SingleToInt32Bits(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!_constants.TryGetValue(key, out var name))
        {
            name = Initializer(OnnxTensor.Scalar(Fresh(hint), value));
            _constants[key] = name;
        }

        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name (<paramref name="output"/> if given).</summary>
    public string Op(string opType, string[] inputs, OnnxAttribute[]? attributes = null, string? output = null)
    {
        var nodeName = Fresh(opType);
        var result = output ?? nodeName + "_out";
        Nodes.Add(new OnnxNode(nodeName, opType, inputs, [result], attributes ?? []));
        return result;
    }

    /// <summary>Adds a node with several outputs.</summary>
    public string[] OpMulti(string opType, string[] inputs, int outputCount, OnnxAttribute[]? attributes = null)
    {
        var nodeName = Fresh(opType);
        var outputs = Enumerable.Range(0, outputCount).Select(i => $"{nodeName}_out{i}").ToArray();
        Nodes.Add(new OnnxNode(nodeName, opType, inputs, outputs, attributes ?? []));
        return outputs;
    }

    /// <summary>Adds a node with an explicit name and output names (empty names for omitted optional outputs).</summary>
    public void Node(string nodeName, string opType, string[] inputs, string[] outputs, OnnxAttribute[]? attributes = null, string domain = "") =>
        Nodes.Add(new OnnxNode(nodeName, opType, inputs, outputs, attributes ?? [], domain));

    public string Fresh(string hint)
    {
        _counters.TryGetValue(hint, out var n);
        _counters[hint] = n + 1;
        return $"/{hint}_{n}";
    }
}
