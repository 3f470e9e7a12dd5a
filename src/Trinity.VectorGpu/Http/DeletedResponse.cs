namespace Trinity.VectorGpu.Http;

/// <summary><c>DELETE /v1/collections/{name}</c>.</summary>
internal sealed record DeletedResponse(string Name, bool Deleted);
