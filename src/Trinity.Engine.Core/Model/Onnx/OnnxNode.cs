namespace Trinity.Engine.Model.Onnx;

/// <summary>One operator application in a graph. <paramref name="Domain"/> is empty for the default ONNX domain
/// (<c>com.microsoft</c> for ONNX Runtime's contrib ops); an empty input or output name marks an omitted optional one.</summary>
internal sealed record OnnxNode(string Name, string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes, string Domain = "");
