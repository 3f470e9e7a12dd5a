using Trinity.VectorGpu.Devices;

namespace Trinity.VectorGpu.Scheduling;

/// <summary>A slice of a collection a query must scan: positions [Start, Start + Count) of a source. Equal slices of different queries are batched.</summary>
internal readonly record struct ScanSlice(SliceSource Source, int Start, int Count);
