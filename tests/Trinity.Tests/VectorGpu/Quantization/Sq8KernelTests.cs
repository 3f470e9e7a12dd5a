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

    [Theory]
    [InlineData(3)]
    [InlineData(13)]
    [InlineData(100)]
    [InlineData(784)]
    public void Prepare_AnyDimension_QueryCodesAndOffsetMatchTheScalarDefinition(int dimension)
    {
        var random = new Random(dimension);
        var rows = Enumerable.Range(0, 64).Select(_ => (ReadOnlyMemory<float>)Enumerable.Range(0, dimension).Select(_ => (float)((random.NextDouble() * 8) - 3)).ToArray()).ToList();
        var quantizer = Sq8Quantizer.Train(rows, dimension);
        var vectors = new Sq8SearchVectors(quantizer, Trinity.VectorGpu.Client.VectorMetric.L2, 16);
        var padded = new float[Trinity.VectorGpu.Collections.VectorStore.StrideFor(dimension)];
        for (var d = 0; d < dimension; d++)
        {
            padded[d] = (float)((random.NextDouble() * 10) - 5);
        }

        var prepared = vectors.Prepare(padded);

        // x̂·q = Σ min_d·q_d + t·Σ code_d·c_d with c_d = round(scale_d·q_d / t), t = max|scale_d·q_d| / 127.
        double offset = 0, largest = 0;
        for (var d = 0; d < dimension; d++)
        {
            offset += quantizer.Min[d] * padded[d];
            largest = Math.Max(largest, Math.Abs(quantizer.Scale[d] * padded[d]));
        }

        Assert.Equal(largest / 127, prepared.CodeScale, 1e-5 * largest);
        Assert.Equal(offset, prepared.Offset, 1e-3 * (1 + Math.Abs(offset)));
        for (var d = 0; d < dimension; d++)
        {
            var exact = quantizer.Scale[d] * padded[d] / prepared.CodeScale;
            Assert.InRange(prepared.Codes![d], Math.Floor(exact) - 0.0001, Math.Ceiling(exact) + 0.0001);
        }

        Assert.All(prepared.Codes!.Skip(dimension), c => Assert.Equal(0, c));
    }
}
