using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Client.Wire;

/// <summary><c>POST /v1/collections/{name}/points/delete</c>.</summary>
public sealed record DeletePointsBody(IReadOnlyList<PointId>? Ids);
