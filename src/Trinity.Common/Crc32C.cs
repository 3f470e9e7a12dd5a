using System.Runtime.Intrinsics.X86;

namespace Trinity.Common;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of every log record and snapshot. Uses the SSE4.2 <c>crc32</c>
/// instruction where present (System.IO.Hashing is not served here), a table otherwise; both give the same value.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(0xFFFFFFFFu, data);

    internal static uint ComputeSoftware(ReadOnlySpan<byte> data) => ~AppendSoftware(0xFFFFFFFFu, data);

    private static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        if (!Sse42.X64.IsSupported)
        {
            return AppendSoftware(crc, data);
        }

        ulong state = crc;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            state = Sse42.X64.Crc32(state, BitConverter.ToUInt64(data.Slice(i, 8)));
        }

        var c = (uint)state;
        for (; i < data.Length; i++)
        {
            c = Sse42.Crc32(c, data[i]);
        }

        return c;
    }

    private static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
