namespace Trinity.Engine.Model.BuiltIn;

/// <summary>
/// A <c>MatMulNBits</c> weight: <see cref="Packed"/> is B, uint8 [N, blocks, 16] (two 4-bit codes per byte, the
/// lower row in the low nibble); <see cref="Scales"/> is float [N · blocks]; <see cref="ZeroPoints"/> is uint8
/// [N · ⌈blocks / 2⌉], two per byte, or null for symmetric blocks.
/// </summary>
internal sealed record Int4Weight(byte[] Packed, float[] Scales, byte[]? ZeroPoints, int K, int N, int Blocks);
