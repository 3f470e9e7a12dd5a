using System.Runtime.InteropServices;
using System.Text;

namespace Trinity.VectorGpu.Storage;

/// <summary>Binary encoding of log records and snapshot entries (little-endian, length-prefixed strings).</summary>
internal static class LogRecordCodec
{
    public static byte[] EncodeUpsert(IReadOnlyList<StoredPoint> points)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)LogRecordKind.Upsert);
            writer.Write(points.Count);
            foreach (var point in points)
            {
                WritePoint(writer, point);
            }
        }

        return stream.ToArray();
    }

    public static byte[] EncodeDelete(IReadOnlyList<string> ids)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)LogRecordKind.Delete);
            writer.Write(ids.Count);
            foreach (var id in ids)
            {
                writer.Write(id);
            }
        }

        return stream.ToArray();
    }

    public static LogRecord Decode(byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        var kind = (LogRecordKind)reader.ReadByte();
        var count = reader.ReadInt32();
        switch (kind)
        {
            case LogRecordKind.Upsert:
                var points = new List<StoredPoint>(count);
                for (var i = 0; i < count; i++)
                {
                    points.Add(ReadPoint(reader));
                }

                return new LogRecord(kind, points, []);
            case LogRecordKind.Delete:
                var ids = new List<string>(count);
                for (var i = 0; i < count; i++)
                {
                    ids.Add(reader.ReadString());
                }

                return new LogRecord(kind, [], ids);
            default:
                throw new InvalidDataException($"unknown log record kind {(byte)kind}");
        }
    }

    public static void WritePoint(BinaryWriter writer, StoredPoint point)
    {
        writer.Write(point.Id);
        writer.Write(point.Vector.Length);
        writer.Write(MemoryMarshal.AsBytes(point.Vector.AsSpan()));
        writer.Write(point.Payload?.Length ?? -1);
        if (point.Payload is not null)
        {
            writer.Write(point.Payload);
        }
    }

    public static StoredPoint ReadPoint(BinaryReader reader)
    {
        var id = reader.ReadString();
        var dimension = reader.ReadInt32();
        var vector = new float[dimension];
        if (reader.Read(MemoryMarshal.AsBytes(vector.AsSpan())) != dimension * sizeof(float))
        {
            throw new EndOfStreamException();
        }

        var payloadLength = reader.ReadInt32();
        var payload = payloadLength < 0 ? null : reader.ReadBytes(payloadLength);
        return new StoredPoint(id, vector, payload);
    }
}
