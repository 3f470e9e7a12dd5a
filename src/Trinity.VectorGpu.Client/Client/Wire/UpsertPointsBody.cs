using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Client.Wire;

/// <summary><c>POST /v1/collections/{name}/points</c>.</summary>
public sealed record UpsertPointsBody(IReadOnlyList<VectorPoint>? Points);
