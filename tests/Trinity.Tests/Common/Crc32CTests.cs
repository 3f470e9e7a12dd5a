using System.Text;
using Trinity.Common;
using Trinity.VectorGpu.Storage;

namespace Trinity.Tests.Common;

public sealed class Crc32CTests
{
    [Fact]
    public void Compute_StandardCheckString_MatchesPublishedValue() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public void Compute_HardwareAndSoftware_Agree()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("trinity vector pool ", 37)));
        for (var length = 0; length < data.Length; length += 13)
        {
            Assert.Equal(Crc32C.ComputeSoftware(data.AsSpan(0, length)), Crc32C.Compute(data.AsSpan(0, length)));
        }
    }
}
