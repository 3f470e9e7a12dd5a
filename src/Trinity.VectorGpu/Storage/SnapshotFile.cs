using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Trinity.VectorGpu.Storage;

/// <summary>
/// A collection's full state at one moment: magic, point count, points, CRC-32C of everything before it.
/// Written to a temporary file, fsync'd and renamed over the previous one, so a crash leaves either snapshot whole.
/// </summary>
internal static class SnapshotFile
{
    private static readonly byte[] Magic = "TRNSNP01"u8.ToArray();

    public static void Write(string path, IReadOnlyCollection<StoredPoint> points)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            using var body = new MemoryStream();
            using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write((long)points.Count);
                foreach (var point in points)
                {
                    LogRecordCodec.WritePoint(writer, point);
                }
            }

            var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
            stream.Write(bytes);
            Span<byte> crc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, bytes));
            stream.Write(crc);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
    }

    /// <summary>Reads a snapshot; null when there is none. A snapshot that fails its checksum is an error, not silently skipped.</summary>
    public static List<StoredPoint>? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 12 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a Trinity snapshot");
        }

        var body = bytes.AsSpan(0, bytes.Length - 4);
        if (Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, body) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)))
        {
            throw new InvalidDataException($"{path}: snapshot checksum mismatch");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, body.Length - Magic.Length), Encoding.UTF8);
        var count = reader.ReadInt64();
        var points = new List<StoredPoint>((int)Math.Min(count, 1 << 20));
        for (long i = 0; i < count; i++)
        {
            points.Add(LogRecordCodec.ReadPoint(reader));
        }

        return points;
    }
}
