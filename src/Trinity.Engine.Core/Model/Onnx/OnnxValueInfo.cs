namespace Trinity.Engine.Model.Onnx;

/// <summary>A graph input or output: name, element type and shape, where a dimension is either a fixed
/// size (a <see cref="long"/>) or a symbolic name (a <see cref="string"/>, e.g. "batch_size").</summary>
internal sealed record OnnxValueInfo(string Name, OnnxDataType DataType, object[] Shape);
