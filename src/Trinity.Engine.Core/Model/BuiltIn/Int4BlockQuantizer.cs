namespace Trinity.Engine.Model.BuiltIn;

/// <summary>
/// Block-wise 4-bit quantization of a <c>MatMul</c> weight into the inputs of ONNX Runtime's <c>MatMulNBits</c>
/// (com.microsoft), with the rounding of ONNX Runtime's default weight-only quantizer (what GenAI's model builder
/// runs for int4): blocks of <see cref="BlockSize"/> values along K, one float scale per block and column.
/// Symmetric: scale = (the block's value of largest magnitude) / -8, codes round(v / scale) + 8 clamped to [0, 15],
/// no zero points (the operator's default is 8). Asymmetric: the range [min(0, lo), max(0, hi)] in 15 steps with a
/// 4-bit zero point per block.
/// </summary>
internal static class Int4BlockQuantizer
{
    public const int BlockSize = 32;
    public const int Bits = 4;
    private const int BlobSize = BlockSize * Bits / 8;

    /// <summary>Quantizes <paramref name="weight"/>, row-major [<paramref name="k"/>, <paramref name="n"/>] (MatMul's B).</summary>
    public static Int4Weight Quantize(ReadOnlySpan<float> weight, int k, int n, bool symmetric)
    {
        if (weight.Length != (long)k * n)
        {
            throw new ArgumentException($"weight has {weight.Length} values, expected {k} x {n}", nameof(weight));
        }

        var blocks = (k + BlockSize - 1) / BlockSize;
        var packed = new byte[(long)n * blocks * BlobSize];
        var scales = new float[(long)n * blocks];
        var zeroPointBytes = (blocks + 1) / 2;
        var zeroPoints = symmetric ? null : new byte[(long)n * zeroPointBytes];
        Span<float> block = stackalloc float[BlockSize];
        for (var col = 0; col < n; col++)
        {
            for (var b = 0; b < blocks; b++)
            {
                // Rows past K count as zeros, as the reference pads the weight to whole blocks.
                block.Clear();
                var rows = Math.Min(BlockSize, k - (b * BlockSize));
                for (var i = 0; i < rows; i++)
                {
                    block[i] = weight[(((b * BlockSize) + i) * n) + col];
                }

                var (scale, zeroPoint) = symmetric ? SymmetricRange(block) : AsymmetricRange(block);
                scales[(col * blocks) + b] = scale;
                if (zeroPoints is not null)
                {
                    var at = (col * zeroPointBytes) + (b / 2);
                    zeroPoints[at] |= (byte)(b % 2 == 0 ? zeroPoint : zeroPoint << 4);
                }

                var reciprocal = scale != 0f ? 1f / scale : 0f;
                var blob = packed.AsSpan(((col * blocks) + b) * BlobSize, BlobSize);
                for (var i = 0; i < BlockSize; i += 2)
                {
                    blob[i / 2] = (byte)(Code(block[i], reciprocal, zeroPoint) | (Code(block[i + 1], reciprocal, zeroPoint) << 4));
                }
            }
        }

        return new Int4Weight(packed, scales, zeroPoints, k, n, blocks);
    }

    /// <summary>The float value a code stands for: (code − zero point) × scale.</summary>
    public static float Dequantize(Int4Weight weight, int row, int col)
    {
        ArgumentNullException.ThrowIfNull(weight);
        int b = row / BlockSize, i = row % BlockSize;
        var index = (col * weight.Blocks) + b;
        var value = weight.Packed[(index * BlobSize) + (i / 2)];
        var code = i % 2 == 0 ? value & 0xF : value >> 4;
        var zeroPoint = 8;
        if (weight.ZeroPoints is { } zeroPoints)
        {
            var zp = zeroPoints[(col * ((weight.Blocks + 1) / 2)) + (b / 2)];
            zeroPoint = b % 2 == 0 ? zp & 0xF : zp >> 4;
        }

        return (code - zeroPoint) * weight.Scales[index];
    }

    private static (float Scale, int ZeroPoint) SymmetricRange(ReadOnlySpan<float> block)
    {
        float min = float.MaxValue, max = float.MinValue;
        foreach (var v in block)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }

        // The larger half of the code range, [-8, 0), takes the value of largest magnitude: hence the minus sign.
        var extreme = MathF.Abs(max) > MathF.Abs(min) ? max : min;
        return (extreme / -8f, 8);
    }

    private static (float Scale, int ZeroPoint) AsymmetricRange(ReadOnlySpan<float> block)
    {
        float min = 0f, max = 0f;
        foreach (var v in block)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }

        var scale = (max - min) / 15f;
        var zeroPoint = scale != 0f ? -min / scale : min;
        return (scale, zeroPoint < 0f ? 0 : zeroPoint > 15f ? 15 : (int)MathF.Round(zeroPoint, MidpointRounding.AwayFromZero));
    }

    private static int Code(float value, float reciprocal, int zeroPoint) =>
        (int)Math.Clamp(MathF.Round((value * reciprocal) + zeroPoint, MidpointRounding.AwayFromZero), 0f, 15f);
}
