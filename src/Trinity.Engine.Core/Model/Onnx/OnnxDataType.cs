namespace Trinity.Engine.Model.Onnx;

/// <summary>ONNX <c>TensorProto.DataType</c> values used by Trinity's generated models.</summary>
internal enum OnnxDataType
{
    Float = 1,
    UInt8 = 2,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Float16 = 10,
}
