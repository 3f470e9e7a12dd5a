using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Http;

/// <summary><c>POST /v1/collections/{name}/points</c>.</summary>
internal sealed record UpsertPointsBody(IReadOnlyList<VectorPoint>? Points);
