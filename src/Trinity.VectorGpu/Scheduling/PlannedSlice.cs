namespace Trinity.VectorGpu.Scheduling;

/// <summary>One slice of an iteration and the queries that scan it together (each with the index of that slice in its own list).</summary>
internal sealed class PlannedSlice(ScanSlice slice)
{
    public ScanSlice Slice { get; } = slice;

    public List<(ScheduledQuery Query, int SliceIndex)> Members { get; } = [];
}
