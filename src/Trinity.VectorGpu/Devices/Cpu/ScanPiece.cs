namespace Trinity.VectorGpu.Devices.Cpu;

/// <summary>Rows [Start, Start + Count) of work-list entry <paramref name="Work"/>: what a unit of the CPU device scans.</summary>
internal readonly record struct ScanPiece(int Work, int Start, int Count);
