using System.Text;

namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>The smallest ONNX decoder graph GenAI accepts as a model (<c>logits = Cast(input_ids)</c>), written
/// as raw protobuf. It lets GenAI open a folder for its tokenizer without any weights.</summary>
internal static class StubOnnxModel
{
    private const int Float = 1;
    private const int Int64 = 7;

    public static byte[] Create() => Message(model =>
    {
        Varint(model, 1, 8); // ir_version
        Bytes(model, 7, Message(graph =>
        {
            Bytes(graph, 1, Message(node =>
            {
                String(node, 1, "input_ids");
                String(node, 2, "logits");
                String(node, 4, "Cast");
                Bytes(node, 5, Message(attribute =>
                {
                    String(attribute, 1, "to");
                    Varint(attribute, 3, Float);
                    Varint(attribute, 20, 2); // AttributeType.INT
                }));
            }));
            String(graph, 2, "stub");
            Bytes(graph, 11, ValueInfo("input_ids", Int64, "batch", "sequence"));
            Bytes(graph, 11, ValueInfo("attention_mask", Int64, "batch", "total_sequence"));
            Bytes(graph, 12, ValueInfo("logits", Float, "batch", "sequence"));
        }));
        Bytes(model, 8, Message(opset => Varint(opset, 2, 17)));
    });

    private static byte[] ValueInfo(string name, int elementType, params string[] dimensions) => Message(info =>
    {
        String(info, 1, name);
        Bytes(info, 2, Message(type => Bytes(type, 1, Message(tensor =>
        {
            Varint(tensor, 1, elementType);
            Bytes(tensor, 2, Message(shape =>
            {
                foreach (var dimension in dimensions)
                {
                    Bytes(shape, 1, Message(d => String(d, 2, dimension)));
                }
            }));
        }))));
    });

    private static byte[] Message(Action<MemoryStream> build)
    {
        using var stream = new MemoryStream();
        build(stream);
        return stream.ToArray();
    }

    private static void Varint(MemoryStream stream, int field, long value)
    {
        RawVarint(stream, (ulong)field << 3);
        RawVarint(stream, (ulong)value);
    }

    private static void Bytes(MemoryStream stream, int field, byte[] value)
    {
        RawVarint(stream, ((ulong)field << 3) | 2);
        RawVarint(stream, (ulong)value.Length);
        stream.Write(value);
    }

    private static void String(MemoryStream stream, int field, string value) => Bytes(stream, field, Encoding.UTF8.GetBytes(value));

    private static void RawVarint(MemoryStream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
