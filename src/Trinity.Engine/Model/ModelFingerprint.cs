using System.Buffers.Binary;
using System.Text;
using Trinity.VectorGpu.Storage;

namespace Trinity.Engine.Model;

/// <summary>
/// A cheap identity of a model's weights — its configuration, the decoder file's size, and checksums of its
/// first and last megabyte, and the same of its external data file (<c>model.onnx.data</c>) when the weights live
/// there — so that KV computed by one model is never continued by another.
/// </summary>
internal static class ModelFingerprint
{
    private const int Window = 1 << 20;

    public static ulong Compute(string modelDirectory, ModelConfig config)
    {
        var path = Path.Combine(modelDirectory, config.Filename);
        var (headCrc, tailCrc, length) = Sample(path);
        // The model builder's layout keeps every weight in <filename>.data: model.onnx alone is the same for any seed.
        var dataPath = path + ".data";
        if (File.Exists(dataPath))
        {
            var (dataHead, dataTail, dataLength) = Sample(dataPath);
            headCrc ^= uint.RotateLeft(dataHead, 8);
            tailCrc ^= uint.RotateLeft(dataTail, 8);
            length += dataLength << 1;
        }

        var shape = Encoding.UTF8.GetBytes($"{config.Type}|{config.NumLayers}|{config.NumHeads}|{config.NumKvHeads}|{config.HeadSize}|{config.HiddenSize}|{config.VocabSize}|{length}");
        Span<byte> bytes = stackalloc byte[8];
        var shapeCrc = Crc32C.Compute(shape);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, headCrc ^ shapeCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], tailCrc ^ uint.RotateLeft(shapeCrc, 16));
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>Checksums of a file's first and last megabyte, and its length.</summary>
    private static (uint Head, uint Tail, long Length) Sample(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[(int)Math.Min(Window, file.Length)];
        file.ReadExactly(head);
        var tail = new byte[(int)Math.Min(Window, file.Length)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        return (Crc32C.Compute(head), Crc32C.Compute(tail), file.Length);
    }
}
