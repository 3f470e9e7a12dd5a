namespace Trinity.Bench.Simulation;

/// <summary>One policy's run of the mixed workload: the device that served it and each query's (stage, latency, missed?).</summary>
internal sealed record PoolLatencies(string Device, List<(bool Decode, double Ms, bool Missed)> Samples);
