using Trinity.VectorGpu.Indexes;

namespace Trinity.VectorGpu.Devices;

/// <summary>One graph walk of an iteration and the steps (expansions) it may take in it.</summary>
internal readonly record struct WalkWork(GraphWalk Walk, int Steps);
