namespace Trinity.Engine.Model.Onnx;

/// <summary>One operator application in a graph.</summary>
internal sealed record OnnxNode(string Name, string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes);
