using System.Runtime.InteropServices;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// One thread group's work in a scan launch: positions [Start, Start + Rows) of one resident source, for up to
/// <see cref="ScanKernel.QueriesPerTask"/> queries (entries FirstQuery.. of the task-query table). Offsets are
/// in elements of the device arenas; <see cref="RowIds"/> is −1 when position = row (a flat store).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct ScanTask(long vectors, long norms, long rowIds, long live, int start, int rows, int stride, int metric, int firstQuery, int queryCount)
{
    public readonly long Vectors = vectors;
    public readonly long Norms = norms;
    public readonly long RowIds = rowIds;
    public readonly long Live = live;
    public readonly int Start = start;
    public readonly int Rows = rows;
    public readonly int Stride = stride;
    public readonly int Metric = metric;
    public readonly int FirstQuery = firstQuery;
    public readonly int QueryCount = queryCount;
}
