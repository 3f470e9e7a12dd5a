using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Storage;

namespace Trinity.Tests.VectorGpu.Devices;

public sealed unsafe class DotKernelTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(128)]
    [InlineData(784)]
    public void Block_FourQueryTilesAndLoneQueries_BitIdenticalToDotOfEachPair(int stride)
    {
        var random = new Random(stride);
        var queries = new AlignedFloatBuffer(7L * stride);
        var rows = new AlignedFloatBuffer(9L * stride);
        Fill(queries.AsSpan(), random);
        Fill(rows.AsSpan(), random);
        var tiled = new float[7 * 9];
        var lone = new float[9];

        fixed (float* t = tiled)
        fixed (float* l = lone)
        {
            DotKernel.Block(queries.Pointer, 7, rows.Pointer, 9, stride, t, 9);
            for (var i = 0; i < 7; i++)
            {
                DotKernel.Block(queries.Pointer + ((long)i * stride), 1, rows.Pointer, 9, stride, l, 9);
                for (var r = 0; r < 9; r++)
                {
                    var expected = DotKernel.Dot(queries.Pointer + ((long)i * stride), rows.Pointer + ((long)r * stride), stride);
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(tiled[(i * 9) + r]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(lone[r]));
                }
            }
        }
    }

    private static void Fill(Span<float> values, Random random)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * (i % 3 == 0 ? 1000f : 0.001f);
        }
    }
}
