using Trinity.VectorGpu.Devices;

namespace Trinity.VectorGpu.Hosting;

/// <summary>What the loop attaches to a scheduled query: the request, its device-side state, and whether this pass is the exact fallback.</summary>
internal sealed record SearchJob(PendingSearch Pending, DeviceQuery Query, bool Exact);
