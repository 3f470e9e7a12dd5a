using System.Buffers.Binary;
using System.Text;
using Trinity.VectorGpu.Storage;

namespace Trinity.Engine.Model;

/// <summary>
/// A cheap identity of a model's weights — its configuration, the decoder file's size, and checksums of its
/// first and last megabyte — so that KV computed by one model is never continued by another.
/// </summary>
internal static class ModelFingerprint
{
    private const int Window = 1 << 20;

    public static ulong Compute(string modelDirectory, ModelConfig config)
    {
        var path = Path.Combine(modelDirectory, config.Filename);
        using var file = File.OpenRead(path);
        var head = new byte[(int)Math.Min(Window, file.Length)];
        file.ReadExactly(head);
        var tail = new byte[(int)Math.Min(Window, file.Length)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        var shape = Encoding.UTF8.GetBytes($"{config.Type}|{config.NumLayers}|{config.NumHeads}|{config.NumKvHeads}|{config.HeadSize}|{config.HiddenSize}|{config.VocabSize}|{file.Length}");
        Span<byte> bytes = stackalloc byte[8];
        var shapeCrc = Crc32C.Compute(shape);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Crc32C.Compute(head) ^ shapeCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], Crc32C.Compute(tail) ^ uint.RotateLeft(shapeCrc, 16));
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
