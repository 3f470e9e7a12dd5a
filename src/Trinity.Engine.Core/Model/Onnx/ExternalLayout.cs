namespace Trinity.Engine.Model.Onnx;

/// <summary>
/// Where each externalised initializer sits in a model's data file (ONNX's external-data convention: the tensor
/// names the file, an offset and a length), and the writer of that file.
/// </summary>
internal sealed class ExternalLayout
{
    // onnx_ir, which ONNX Runtime GenAI's model builder saves through, writes the smallest tensors first and starts
    // every tensor above 1 MiB on a 64 KiB boundary so that large weights can be memory-mapped. Same layout here.
    private const long AlignThreshold = 1L << 20;
    private const long Alignment = 1L << 16;

    private readonly List<(OnnxTensor Tensor, long Offset)> _placed = [];
    private readonly Dictionary<OnnxTensor, long> _offsets = new(ReferenceEqualityComparer.Instance);

    private ExternalLayout(string fileName) => FileName = fileName;

    /// <summary>The data file's name, relative to the model file.</summary>
    public string FileName { get; }

    /// <summary>Every tensor, smallest first (graph order among equals), large ones aligned for memory mapping.</summary>
    public static ExternalLayout Aligned(string fileName, IEnumerable<OnnxTensor> tensors)
    {
        var layout = new ExternalLayout(fileName);
        var offset = 0L;
        foreach (var tensor in tensors.OrderBy(t => t.RawData.Length))
        {
            if (tensor.RawData.Length > AlignThreshold)
            {
                offset = (offset + Alignment - 1) / Alignment * Alignment;
            }

            layout.Place(tensor, offset);
            offset += tensor.RawData.Length;
        }

        return layout;
    }

    /// <summary>The given tensors back to back in graph order.</summary>
    public static ExternalLayout Sequential(string fileName, IEnumerable<OnnxTensor> tensors)
    {
        var layout = new ExternalLayout(fileName);
        var offset = 0L;
        foreach (var tensor in tensors)
        {
            layout.Place(tensor, offset);
            offset += tensor.RawData.Length;
        }

        return layout;
    }

    public bool TryGetOffset(OnnxTensor tensor, out long offset) => _offsets.TryGetValue(tensor, out offset);

    /// <summary>Writes the data file: each tensor's bytes at its offset, zeros in the alignment gaps.</summary>
    public void WriteData(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        foreach (var (tensor, offset) in _placed)
        {
            if (offset > file.Position)
            {
                file.Write(new byte[offset - file.Position]);
            }

            file.Write(tensor.RawData);
        }
    }

    private void Place(OnnxTensor tensor, long offset)
    {
        _placed.Add((tensor, offset));
        _offsets.Add(tensor, offset);
    }
}
