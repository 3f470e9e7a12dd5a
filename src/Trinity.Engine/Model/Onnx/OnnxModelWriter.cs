using Google.Protobuf;

namespace Trinity.Engine.Model.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX <c>ModelProto</c> (protobuf, field numbers of onnx.proto).
/// Initializers larger than <see cref="ExternalDataThreshold"/> go to a side file when the model would
/// otherwise pass protobuf's 2 GB limit, as ONNX's external-data convention describes.
/// </summary>
internal static class OnnxModelWriter
{
    private const long IrVersion = 8;
    private const long ExternalDataThreshold = 1024;
    private const long MaxInlineBytes = 1L << 30;

    /// <summary>Writes <paramref name="graph"/> to <paramref name="path"/> with the given default-domain opset.</summary>
    public static void Write(OnnxGraph graph, string path, long opset, string producer)
    {
        var totalBytes = graph.Initializers.Sum(t => (long)t.RawData.Length);
        string? externalName = totalBytes > MaxInlineBytes ? Path.GetFileName(path) + ".data" : null;
        using var external = externalName is null ? null : File.Create(Path.Combine(Path.GetDirectoryName(path)!, externalName));

        using var file = File.Create(path);
        using var output = new CodedOutputStream(file, leaveOpen: true);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt64(IrVersion);
        WriteString(output, 2, producer);
        WriteString(output, 3, "1");
        WriteMessage(output, 7, o => WriteGraph(o, graph, externalName, external));
        WriteMessage(output, 8, o =>
        {
            WriteString(o, 1, string.Empty);
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt64(opset);
        });
        output.Flush();
    }

    private static void WriteGraph(CodedOutputStream o, OnnxGraph graph, string? externalName, FileStream? external)
    {
        foreach (var node in graph.Nodes)
        {
            WriteMessage(o, 1, n => WriteNode(n, node));
        }

        WriteString(o, 2, graph.Name);
        foreach (var tensor in graph.Initializers)
        {
            WriteMessage(o, 5, t => WriteTensor(t, tensor, externalName, external));
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
                WriteMessage(o, 5, t => WriteTensor(t, attribute.Tensor!, null, null));
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

    private static void WriteTensor(CodedOutputStream o, OnnxTensor tensor, string? externalName, FileStream? external)
    {
        WritePackedInt64(o, 1, tensor.Dims);
        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32((int)tensor.DataType);
        WriteString(o, 8, tensor.Name);
        if (external is not null && tensor.RawData.Length >= ExternalDataThreshold)
        {
            var offset = external.Position;
            external.Write(tensor.RawData);
            WriteMessage(o, 13, e => { WriteString(e, 1, "location"); WriteString(e, 2, externalName!); });
            WriteMessage(o, 13, e => { WriteString(e, 1, "offset"); WriteString(e, 2, offset.ToString(System.Globalization.CultureInfo.InvariantCulture)); });
            WriteMessage(o, 13, e => { WriteString(e, 1, "length"); WriteString(e, 2, tensor.RawData.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)); });
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
