namespace Trinity.VectorGpu.Devices;

/// <summary>One entry of an iteration's work list: positions [Start, Start + Count) of a source, scanned for every query listed.</summary>
internal readonly record struct SliceWork(SliceSource Source, int Start, int Count, IReadOnlyList<DeviceQuery> Queries);
