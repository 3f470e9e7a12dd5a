using System.Runtime.InteropServices;

namespace Trinity.VectorGpu.Storage;

/// <summary>
/// Asks Linux to back a large buffer with 2 MiB pages (<c>madvise(MADV_HUGEPAGE)</c>, for kernels whose transparent huge
/// pages are in <c>madvise</c> mode). Graph walks and re-ranks touch rows scattered over the whole buffer; with 4 KiB
/// pages nearly every row costs a TLB miss and a page walk on top of its cache misses. Advice only: a kernel or
/// platform that declines changes nothing.
/// </summary>
internal static partial class HugePages
{
    private const int MadviseHugePage = 14;
    private const long HugePageBytes = 2 * 1024 * 1024;

    /// <summary>Advises the 2 MiB-aligned part of [<paramref name="start"/>, <paramref name="start"/> + <paramref name="bytes"/>).</summary>
    public static unsafe void Advise(void* start, long bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes < 2 * HugePageBytes)
        {
            return;
        }

        var first = ((long)start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        var last = ((long)start + bytes) & ~(HugePageBytes - 1);
        if (last > first)
        {
            _ = Madvise((nint)first, (nuint)(last - first), MadviseHugePage);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
