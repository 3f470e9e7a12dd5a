namespace Trinity.Engine.Model.Onnx;

/// <summary>A node attribute. Exactly one of the value fields is set, matching <see cref="Kind"/>.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttributeKind Kind)
{
    public long Int { get; init; }

    public float Float { get; init; }

    public string? String { get; init; }

    public long[]? Ints { get; init; }

    public OnnxTensor? Tensor { get; init; }

    public static OnnxAttribute Of(string name, long value) => new(name, OnnxAttributeKind.Int) { Int = value };

    public static OnnxAttribute Of(string name, float value) => new(name, OnnxAttributeKind.Float) { Float = value };

    public static OnnxAttribute Of(string name, string value) => new(name, OnnxAttributeKind.String) { String = value };

    public static OnnxAttribute Of(string name, long[] values) => new(name, OnnxAttributeKind.Ints) { Ints = values };

    public static OnnxAttribute Of(string name, OnnxTensor value) => new(name, OnnxAttributeKind.Tensor) { Tensor = value };
}
