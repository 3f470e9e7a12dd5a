namespace Trinity.Engine.Model.Onnx;

/// <summary>How <see cref="OnnxModelWriter"/> writes a model: IR version, operator sets and where initializers go.</summary>
internal sealed record OnnxModelOptions
{
    public long IrVersion { get; init; } = 8;

    /// <summary>Operator sets imported by the model: domain ("" is the default ONNX domain) and version.</summary>
    public IReadOnlyList<(string Domain, long Version)> Opsets { get; init; } = [(string.Empty, 17)];

    public string Producer { get; init; } = "trinity";

    /// <summary>
    /// True: every initializer goes to <c>&lt;model file&gt;.data</c> beside the model, the way ONNX Runtime GenAI's
    /// model builder saves. False: initializers stay inside the model unless it would pass protobuf's 2 GB limit.
    /// </summary>
    public bool ExternalData { get; init; }
}
