namespace Trinity.VectorGpu.Client.Wire;

/// <summary><c>DELETE /v1/collections/{name}</c>.</summary>
public sealed record DeletedResponse(string Name, bool Deleted);
