namespace Trinity.VectorGpu.Devices;

/// <summary>
/// Executes one iteration's work list: for every slice, the distance from each listed query to every vector
/// of the slice, kept in the query's partial top-k. Slices of different collections, dimensions, metrics and
/// k share one call. Implementations: <c>Cpu/CpuVectorDevice</c>; a CUDA device implements the same call with a
/// fused distance + top-k kernel over the list.
/// </summary>
internal interface IVectorDevice
{
    /// <summary>Device name for logs and metrics (<c>cpu</c>, <c>cuda:0</c>).</summary>
    string Name { get; }

    /// <summary>Runs the work list to completion; the caller holds the locks of every collection involved.</summary>
    void Execute(IReadOnlyList<SliceWork> work);
}
