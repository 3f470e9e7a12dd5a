using Trinity.VectorGpu.Devices;

namespace Trinity.VectorGpu.Hosting;

/// <summary>
/// What the loop attaches to a scheduled query: the request, its device-side state (a partial top-k for scans, null
/// for walks; the walk for graph searches), and whether this pass is the exact fallback.
/// </summary>
internal sealed record SearchJob(PendingSearch Pending, DeviceQuery? Query, bool Exact, Indexes.GraphWalk? Walk = null);
