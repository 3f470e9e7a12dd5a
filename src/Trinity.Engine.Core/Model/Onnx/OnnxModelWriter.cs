using Google.Protobuf;

namespace Trinity.Engine.Model.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX <c>ModelProto</c> (protobuf, field numbers of onnx.proto).
/// Initializers can go to a side file (ONNX's external-data convention): always, when the options ask for it, or
/// when the model would otherwise pass protobuf's 2 GB limit.
/// </summary>
internal static class OnnxModelWriter
{
    private const long ExternalDataThreshold = 1024;
    private const long MaxInlineBytes = 1L << 30;

    /// <summary>Writes <paramref name="graph"/> to <paramref name="path"/> with the given default-domain opset.</summary>
    public static void Write(OnnxGraph graph, string path, long opset, string producer) =>
        Write(graph, path, new OnnxModelOptions { Opsets = [(string.Empty, opset)], Producer = producer });

    /// <summary>Writes <paramref name="graph"/> to <paramref name="path"/> (and its data file, when the options or the
    /// model's size call for one).</summary>
    public static void Write(OnnxGraph graph, string path, OnnxModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        var totalBytes = graph.Initializers.Sum(t => (long)t.RawData.Length);
        ExternalLayout? external = null;
        if (options.ExternalData)
        {
            external = ExternalLayout.Aligned(Path.GetFileName(path) + ".data", graph.Initializers);
        }
        else if (totalBytes > MaxInlineBytes)
        {
            external = ExternalLayout.Sequential(Path.GetFileName(path) + ".data", graph.Initializers.Where(t => t.RawData.Length >= ExternalDataThreshold));
        }

        using (var file = File.Create(path))
        using (var output = new CodedOutputStream(file, leaveOpen: true))
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt64(options.IrVersion);
            WriteString(output, 2, options.Producer);
            WriteString(output, 3, "1");
            WriteMessage(output, 7, o => WriteGraph(o, graph, external));
            foreach (var (domain, version) in options.Opsets)
            {
                WriteMessage(output, 8, o =>
                {
                    WriteString(o, 1, domain);
                    o.WriteTag(2, WireFormat.WireType.Varint);
                    o.WriteInt64(version);
                });
            }

            output.Flush();
        }

        external?.WriteData(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, external.FileName));
    }

    private static void WriteGraph(CodedOutputStream o, OnnxGraph graph, ExternalLayout? external)
    {
        foreach (var node in graph.Nodes)
        {
            WriteMessage(o, 1, n => WriteNode(n, node));
        }

        WriteString(o, 2, graph.Name);
        foreach (var tensor in graph.Initializers)
        {
            WriteMessage(o, 5, t => WriteTensor(t, tensor, external));
        }

        foreach (var input in graph.Inputs)
        {
            WriteMessage(o, 11, v => WriteValueInfo(v, input));
        }

        foreach (var outputInfo in graph.Outputs)
        {
            WriteMessage(o, 12, v => WriteValueInfo(v, outputInfo));
        }
    }

    private static void WriteNode(CodedOutputStream o, OnnxNode node)
    {
        foreach (var input in node.Inputs)
        {
            WriteString(o, 1, input);
        }

        foreach (var output in node.Outputs)
        {
            WriteString(o, 2, output);
        }

        WriteString(o, 3, node.Name);
        WriteString(o, 4, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            WriteMessage(o, 5, a => WriteAttribute(a, attribute));
        }

        if (node.Domain.Length > 0)
        {
            WriteString(o, 7, node.Domain);
        }
    }

    private static void WriteAttribute(CodedOutputStream o, OnnxAttribute attribute)
    {
        WriteString(o, 1, attribute.Name);
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Float:
                o.WriteTag(2, WireFormat.WireType.Fixed32);
                o.WriteFloat(attribute.Float);
                break;
            case OnnxAttributeKind.Int:
                o.WriteTag(3, WireFormat.WireType.Varint);
                o.WriteInt64(attribute.Int);
                break;
            case OnnxAttributeKind.String:
                o.WriteTag(4, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(ByteString.CopyFromUtf8(attribute.String!));
                break;
            case OnnxAttributeKind.Tensor:
                WriteMessage(o, 5, t => WriteTensor(t, attribute.Tensor!, null));
                break;
            case OnnxAttributeKind.Ints:
                WritePackedInt64(o, 8, attribute.Ints!);
                break;
            default:
                throw new InvalidOperationException($"unsupported attribute kind {attribute.Kind}");
        }

        o.WriteTag(20, WireFormat.WireType.Varint);
        o.WriteInt32((int)attribute.Kind);
    }

    private static void WriteTensor(CodedOutputStream o, OnnxTensor tensor, ExternalLayout? external)
    {
        WritePackedInt64(o, 1, tensor.Dims);
        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32((int)tensor.DataType);
        WriteString(o, 8, tensor.Name);
        if (external is not null && external.TryGetOffset(tensor, out var offset))
        {
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            WriteMessage(o, 13, e => { WriteString(e, 1, "location"); WriteString(e, 2, external.FileName); });
            WriteMessage(o, 13, e => { WriteString(e, 1, "offset"); WriteString(e, 2, offset.ToString(invariant)); });
            WriteMessage(o, 13, e => { WriteString(e, 1, "length"); WriteString(e, 2, tensor.RawData.Length.ToString(invariant)); });
            o.WriteTag(14, WireFormat.WireType.Varint);
            o.WriteInt32(1);
            return;
        }

        o.WriteTag(9, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(tensor.RawData));
    }

    private static void WriteValueInfo(CodedOutputStream o, OnnxValueInfo info)
    {
        WriteString(o, 1, info.Name);
        WriteMessage(o, 2, type => WriteMessage(type, 1, tensor =>
        {
            tensor.WriteTag(1, WireFormat.WireType.Varint);
            tensor.WriteInt32((int)info.DataType);
            WriteMessage(tensor, 2, shape =>
            {
                foreach (var dim in info.Shape)
                {
                    WriteMessage(shape, 1, d =>
                    {
                        if (dim is string symbol)
                        {
                            WriteString(d, 2, symbol);
                        }
                        else
                        {
                            d.WriteTag(1, WireFormat.WireType.Varint);
                            d.WriteInt64(Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    });
                }
            });
        }));
    }

    private static void WritePackedInt64(CodedOutputStream o, int field, long[] values)
    {
        if (values.Length == 0)
        {
            return;
        }

        var size = values.Sum(CodedOutputStream.ComputeInt64Size);
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteLength(size);
        foreach (var value in values)
        {
            o.WriteInt64(value);
        }
    }

    private static void WriteString(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }

    /// <summary>Writes a nested message: serialised to memory first, because protobuf prefixes its length.</summary>
    private static void WriteMessage(CodedOutputStream o, int field, Action<CodedOutputStream> body)
    {
        using var buffer = new MemoryStream();
        using (var nested = new CodedOutputStream(buffer, leaveOpen: true))
        {
            body(nested);
            nested.Flush();
        }

        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)));
    }
}
