using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Tests.Engine.Core.Model.BuiltIn;

public sealed class Int4BlockQuantizerTests
{
    [Fact]
    public void Quantize_Symmetric_ScaleFromLargestMagnitudeAndLowNibbleFirst()
    {
        // One column of 32 rows: -16, -15, ..., 15. The largest magnitude is -16, so scale = -16 / -8 = 2.
        var weight = Enumerable.Range(0, 32).Select(i => (float)(i - 16)).ToArray();
        var q = Int4BlockQuantizer.Quantize(weight, 32, 1, symmetric: true);

        Assert.Null(q.ZeroPoints);
        Assert.Equal([1, 1, 16], [q.N, q.Blocks, q.Packed.Length]);
        Assert.Equal(2f, q.Scales[0]);
        // Code = round(v / scale + 8), half away from zero: rows 0..3 (-16, -15, -14, -13) → 0, 1 (0.5), 1, 2 (1.5);
        // two codes per byte, the lower row in the low nibble.
        Assert.Equal(0x10, q.Packed[0]);
        Assert.Equal(0x21, q.Packed[1]);
        // Row 31 (15 → 7.5 + 8 → 16) clamps to 15, the top code.
        Assert.Equal(15, q.Packed[15] >> 4);
    }

    [Fact]
    public void Quantize_Symmetric_DequantizesWithinOneStepAndPadsPartialBlocks()
    {
        const int k = 70, n = 5;
        var random = new Random(3);
        var weight = Enumerable.Range(0, k * n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var q = Int4BlockQuantizer.Quantize(weight, k, n, symmetric: true);

        Assert.Equal(3, q.Blocks);
        Assert.Equal(n * 3 * 16, q.Packed.Length);
        Assert.Equal(n * 3, q.Scales.Length);
        for (var row = 0; row < k; row++)
        {
            for (var col = 0; col < n; col++)
            {
                var step = MathF.Abs(q.Scales[(col * q.Blocks) + (row / 32)]);
                var error = MathF.Abs(Int4BlockQuantizer.Dequantize(q, row, col) - weight[(row * n) + col]);
                // Half a step from rounding; a full step only where the code clamps at +7 on the short side.
                Assert.True(error <= step * 1.0001f, $"row {row}, col {col}: error {error} > step {step}");
            }
        }
    }

    [Fact]
    public void Quantize_Asymmetric_ZeroPointsTwoPerBlockPairWithinHalfStep()
    {
        // Block 0 only positive (zero point 0), block 1 only negative (zero point 15).
        var weight = Enumerable.Range(0, 64).Select(i => i < 32 ? i / 31f : -(i - 31) / 32f).ToArray();
        var q = Int4BlockQuantizer.Quantize(weight, 64, 1, symmetric: false);

        Assert.NotNull(q.ZeroPoints);
        Assert.Equal([0xF0], q.ZeroPoints);
        for (var row = 0; row < 64; row++)
        {
            var step = q.Scales[row / 32];
            Assert.True(MathF.Abs(Int4BlockQuantizer.Dequantize(q, row, 0) - weight[row]) <= (step / 2) + 1e-6f);
        }
    }
}
