using System.IO.Hashing;
using System.Text;

namespace Trinity.Tests.VectorGpu.Storage;

/// <summary>The pool's files (log, snapshots, graph, SQ8) carry CRC-32C. Since System.IO.Hashing 11 computes it, these
/// tests pin the values the former hand-written implementation wrote, so existing homes keep loading.</summary>
public sealed class Crc32CFormatTests
{
    [Fact]
    public void HashToUInt32_StandardCheckString_MatchesPublishedValue() =>
        Assert.Equal(0xE3069283u, Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, "123456789"u8));

    [Fact]
    public void HashToUInt32_AnyLength_EqualsTableDrivenCastagnoli()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("trinity vector pool ", 37)));
        for (var length = 0; length < data.Length; length += 13)
        {
            Assert.Equal(TableDriven(data.AsSpan(0, length)), Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data.AsSpan(0, length)));
        }
    }

    /// <summary>Bitwise reflected CRC-32C (polynomial 0x82F63B78), the definition the files were written with.</summary>
    private static uint TableDriven(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
