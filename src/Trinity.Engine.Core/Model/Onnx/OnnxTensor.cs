using System.Runtime.InteropServices;

namespace Trinity.Engine.Model.Onnx;

/// <summary>A constant tensor (initializer or attribute value) with its data as little-endian bytes.</summary>
internal sealed record OnnxTensor(string Name, OnnxDataType DataType, long[] Dims, byte[] RawData)
{
    public static OnnxTensor FromFloats(string name, long[] dims, ReadOnlySpan<float> values) =>
        new(name, OnnxDataType.Float, dims, MemoryMarshal.AsBytes(values).ToArray());

    public static OnnxTensor FromInt64s(string name, long[] dims, ReadOnlySpan<long> values) =>
        new(name, OnnxDataType.Int64, dims, MemoryMarshal.AsBytes(values).ToArray());

    public static OnnxTensor FromBytes(string name, long[] dims, byte[] values) => new(name, OnnxDataType.UInt8, dims, values);

    /// <summary>A one-element float tensor; <paramref name="dims"/> empty means a scalar.</summary>
    public static OnnxTensor Scalar(string name, float value, params long[] dims) => FromFloats(name, dims, [value]);
}
