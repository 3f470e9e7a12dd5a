using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Http;

/// <summary><c>POST /v1/collections/{name}/points/delete</c>.</summary>
internal sealed record DeletePointsBody(IReadOnlyList<PointId>? Ids);
