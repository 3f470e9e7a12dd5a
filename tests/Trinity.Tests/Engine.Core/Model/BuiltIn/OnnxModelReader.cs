using Google.Protobuf;

namespace Trinity.Tests.Engine.Core.Model.BuiltIn;

/// <summary>
/// Reads back what the tests need of an ONNX <c>ModelProto</c> (protobuf field numbers of onnx.proto), independently
/// of the writer: IR version, opsets, nodes with their attributes, graph inputs and outputs, and initializers with
/// their inline or external data.
/// </summary>
internal sealed class OnnxModelReader
{
    [ThreadStatic]
    private static uint s_lastTag;

    public long IrVersion { get; private set; }

    public Dictionary<string, long> Opsets { get; } = new(StringComparer.Ordinal);

    public List<Node> Nodes { get; } = [];

    public List<string> Inputs { get; } = [];

    public List<string> Outputs { get; } = [];

    public List<Tensor> Initializers { get; } = [];

    public static OnnxModelReader Read(string path)
    {
        var model = new OnnxModelReader();
        Fields(File.ReadAllBytes(path), (field, input) =>
        {
            switch (field)
            {
                case 1: model.IrVersion = input.ReadInt64(); break;
                case 7: model.ReadGraph(input.ReadBytes()); break;
                case 8:
                    string domain = string.Empty;
                    long version = 0;
                    Fields(input.ReadBytes(), (f, i) =>
                    {
                        if (f == 1) domain = i.ReadString();
                        else if (f == 2) version = i.ReadInt64();
                        else i.SkipLastField();
                    });
                    model.Opsets[domain] = version;
                    break;
                default: input.SkipLastField(); break;
            }
        });
        return model;
    }

    public int Count(string opType) => Nodes.Count(n => n.OpType == opType);

    private void ReadGraph(ByteString graph) => Fields(graph, (field, input) =>
    {
        switch (field)
        {
            case 1: Nodes.Add(ReadNode(input.ReadBytes())); break;
            case 5: Initializers.Add(ReadTensor(input.ReadBytes())); break;
            case 11: Inputs.Add(ReadName(input.ReadBytes())); break;
            case 12: Outputs.Add(ReadName(input.ReadBytes())); break;
            default: input.SkipLastField(); break;
        }
    });

    private static Node ReadNode(ByteString bytes)
    {
        var node = new Node();
        Fields(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: node.Inputs.Add(input.ReadString()); break;
                case 2: node.Outputs.Add(input.ReadString()); break;
                case 3: node.Name = input.ReadString(); break;
                case 4: node.OpType = input.ReadString(); break;
                case 5: ReadAttribute(input.ReadBytes(), node); break;
                case 7: node.Domain = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        });
        return node;
    }

    private static void ReadAttribute(ByteString bytes, Node node)
    {
        string name = string.Empty;
        object? value = null;
        Fields(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: name = input.ReadString(); break;
                case 2: value = input.ReadFloat(); break;
                case 3: value = input.ReadInt64(); break;
                case 5: value = ReadTensor(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        });
        node.Attributes[name] = value;
    }

    private static Tensor ReadTensor(ByteString bytes)
    {
        var tensor = new Tensor();
        Fields(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1 when PackedDims():
                    Fields(input.ReadBytes(), (_, packed) => tensor.Dims.Add(packed.ReadInt64()), packed: true);
                    break;
                case 1:
                    tensor.Dims.Add(input.ReadInt64());
                    break;
                case 2: tensor.DataType = input.ReadInt32(); break;
                case 8: tensor.Name = input.ReadString(); break;
                case 9: tensor.RawData = input.ReadBytes().ToByteArray(); break;
                case 13:
                    string key = string.Empty, value = string.Empty;
                    Fields(input.ReadBytes(), (f, i) =>
                    {
                        if (f == 1) key = i.ReadString();
                        else if (f == 2) value = i.ReadString();
                        else i.SkipLastField();
                    });
                    tensor.External[key] = value;
                    break;
                case 14: tensor.DataLocation = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        });
        return tensor;
    }

    private static bool PackedDims() => WireFormat.GetTagWireType(s_lastTag) == WireFormat.WireType.LengthDelimited;

    private static string ReadName(ByteString bytes)
    {
        var name = string.Empty;
        Fields(bytes, (field, input) =>
        {
            if (field == 1) name = input.ReadString();
            else input.SkipLastField();
        });
        return name;
    }

    private static void Fields(byte[] bytes, Action<int, CodedInputStream> read) => Fields(ByteString.CopyFrom(bytes), read);

    /// <summary>Calls <paramref name="read"/> for every field (or, <paramref name="packed"/>, every packed varint).</summary>
    private static void Fields(ByteString bytes, Action<int, CodedInputStream> read, bool packed = false)
    {
        var input = bytes.CreateCodedInput();
        if (packed)
        {
            while (!input.IsAtEnd)
            {
                read(0, input);
            }

            return;
        }

        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            s_lastTag = tag;
            read(WireFormat.GetTagFieldNumber(tag), input);
        }
    }

    internal sealed class Node
    {
        public string Name { get; set; } = string.Empty;

        public string OpType { get; set; } = string.Empty;

        public string Domain { get; set; } = string.Empty;

        public List<string> Inputs { get; } = [];

        public List<string> Outputs { get; } = [];

        public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
    }

    internal sealed class Tensor
    {
        public string Name { get; set; } = string.Empty;

        public int DataType { get; set; }

        public List<long> Dims { get; } = [];

        public byte[]? RawData { get; set; }

        /// <summary>1 = EXTERNAL.</summary>
        public int DataLocation { get; set; }

        public Dictionary<string, string> External { get; } = new(StringComparer.Ordinal);
    }
}
