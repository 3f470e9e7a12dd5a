namespace Trinity.Engine.Model.Onnx;

/// <summary>ONNX <c>AttributeProto.AttributeType</c> values used here.</summary>
internal enum OnnxAttributeKind
{
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Ints = 7,
}
