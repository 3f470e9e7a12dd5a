using System.Runtime.InteropServices;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// One query of a <see cref="ScanTask"/>: where its vector is, how many candidates the task keeps for it
/// (min(k, rows), at most <see cref="ScanKernel.MaxKeep"/>), where they go, and the row mask it obeys: its own
/// filter bits (bit 0 = position <see cref="MaskBase"/>) or, when <see cref="Mask"/> is −1, the source's liveness bits.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TaskQuery(long query, float squaredNorm, int keep, long mask, int maskBase, long output)
{
    public readonly long Query = query;
    public readonly float SquaredNorm = squaredNorm;
    public readonly int Keep = keep;
    public readonly long Mask = mask;
    public readonly int MaskBase = maskBase;
    public readonly long Output = output;
}
