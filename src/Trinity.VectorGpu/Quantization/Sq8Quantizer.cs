using System.Buffers.Binary;
using System.IO.Hashing;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Quantization;

/// <summary>
/// SQ8's per-dimension ranges: code = round((x − min) / scale) clamped to 0…255, scale = (max − min) / 255, learnt
/// from the first points of a collection and kept for its life (persisted beside the snapshot), so a restart
/// encodes every vector exactly as before. Values outside the learnt range are clamped.
/// </summary>
internal sealed class Sq8Quantizer
{
    private static readonly byte[] Magic = "TRNSQ801"u8.ToArray();

    public Sq8Quantizer(float[] min, float[] scale)
    {
        Min = min;
        Scale = scale;
    }

    public float[] Min { get; }

    public float[] Scale { get; }

    public int Dimension => Min.Length;

    /// <summary>Ranges of <paramref name="rows"/> (each at least <paramref name="dimension"/> floats long).</summary>
    public static Sq8Quantizer Train(IEnumerable<ReadOnlyMemory<float>> rows, int dimension)
    {
        var min = new float[dimension];
        var max = new float[dimension];
        Array.Fill(min, float.PositiveInfinity);
        Array.Fill(max, float.NegativeInfinity);
        foreach (var memory in rows)
        {
            var row = memory.Span;
            for (var d = 0; d < dimension; d++)
            {
                min[d] = Math.Min(min[d], row[d]);
                max[d] = Math.Max(max[d], row[d]);
            }
        }

        var scale = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            if (!float.IsFinite(min[d]))
            {
                min[d] = 0;
                max[d] = 0;
            }

            scale[d] = (max[d] - min[d]) / 255f;
        }

        return new Sq8Quantizer(min, scale);
    }

    public void Encode(ReadOnlySpan<float> vector, Span<byte> codes)
    {
        for (var d = 0; d < Dimension; d++)
        {
            codes[d] = Scale[d] > 0 ? (byte)Math.Clamp(MathF.Round((vector[d] - Min[d]) / Scale[d]), 0f, 255f) : (byte)0;
        }

        codes[Dimension..].Clear();
    }

    public float Decode(int dimension, byte code) => Min[dimension] + (Scale[dimension] * code);

    /// <summary>Writes the ranges durably (temporary file, fsync, rename).</summary>
    public void Write(string path)
    {
        var bytes = new byte[Magic.Length + 4 + (Dimension * 8) + 4];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length), Dimension);
        for (var d = 0; d < Dimension; d++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(Magic.Length + 4 + (d * 8)), Min[d]);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(Magic.Length + 8 + (d * 8)), Scale[d]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, bytes.AsSpan(0, bytes.Length - 4)));
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
    }

    /// <summary>The ranges written by <see cref="Write"/>; null when absent or unreadable (they are then learnt again).</summary>
    public static Sq8Quantizer? Read(string path, int dimension)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != Magic.Length + 4 + (dimension * 8) + 4
            || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length)) != dimension
            || Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, bytes.AsSpan(0, bytes.Length - 4)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)))
        {
            return null;
        }

        var min = new float[dimension];
        var scale = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            min[d] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(Magic.Length + 4 + (d * 8)));
            scale[d] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(Magic.Length + 8 + (d * 8)));
        }

        return new Sq8Quantizer(min, scale);
    }
}
