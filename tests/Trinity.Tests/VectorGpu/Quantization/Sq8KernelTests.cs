using Trinity.VectorGpu.Quantization;

namespace Trinity.Tests.VectorGpu.Quantization;

public sealed unsafe class Sq8KernelTests
{
    [Fact]
    public void Dot_ExtremeCodesOver1024Dimensions_EqualsScalarSum()
    {
        var random = new Random(7);
        var codes = new byte[1024];
        var query = new sbyte[1024];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = i % 5 == 0 ? (byte)255 : (byte)random.Next(256);
            query[i] = i % 7 == 0 ? (sbyte)-127 : (sbyte)random.Next(-127, 128);
        }

        fixed (byte* c = codes)
        fixed (sbyte* q = query)
        {
            Assert.Equal(Sq8Kernel.DotScalar(c, q, 1024), Sq8Kernel.Dot(c, q, 1024));
        }
    }

    [Fact]
    public void Encode_ValuesOutsideLearntRange_ClampedToEndCodes()
    {
        var quantizer = Sq8Quantizer.Train([new float[] { 0, -1 }, new float[] { 255, 1 }], 2);
        var codes = new byte[2];

        quantizer.Encode([300f, -5f], codes);

        Assert.Equal(new byte[] { 255, 0 }, codes);
        Assert.Equal(1f, quantizer.Scale[0]);
    }
}
