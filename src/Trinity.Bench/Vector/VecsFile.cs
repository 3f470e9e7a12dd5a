using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Trinity.Bench.Vector;

/// <summary>TEXMEX <c>.fvecs</c>/<c>.ivecs</c> (SIFT1M's format): each vector is an int32 dimension then that many float32/int32 values.</summary>
internal static class VecsFile
{
    public static (float[] Data, int Count, int Dimension) ReadFvecs(string path)
    {
        var (raw, count, dimension) = Read(path);
        return (MemoryMarshal.Cast<int, float>(raw).ToArray(), count, dimension);
    }

    public static (int[] Data, int Count, int Dimension) ReadIvecs(string path) => Read(path);

    public static void WriteFvecs(string path, ReadOnlySpan<float> data, int dimension) =>
        Write(path, MemoryMarshal.Cast<float, int>(data), dimension);

    public static void WriteIvecs(string path, ReadOnlySpan<int> data, int dimension) => Write(path, data, dimension);

    private static (int[] Data, int Count, int Dimension) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 4)
        {
            throw new InvalidDataException($"{path}: empty");
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var recordBytes = 4 + (dimension * 4);
        if (dimension <= 0 || bytes.Length % recordBytes != 0)
        {
            throw new InvalidDataException($"{path}: not a .fvecs/.ivecs file (dimension {dimension}, {bytes.Length} bytes)");
        }

        var count = bytes.Length / recordBytes;
        var data = new int[(long)count * dimension];
        for (var i = 0; i < count; i++)
        {
            MemoryMarshal.Cast<byte, int>(bytes.AsSpan((i * recordBytes) + 4, dimension * 4)).CopyTo(data.AsSpan(i * dimension, dimension));
        }

        return (data, count, dimension);
    }

    private static void Write(string path, ReadOnlySpan<int> data, int dimension)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, dimension);
        for (var i = 0; i < data.Length / dimension; i++)
        {
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(data.Slice(i * dimension, dimension)));
        }
    }
}
