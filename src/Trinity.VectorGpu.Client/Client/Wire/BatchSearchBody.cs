namespace Trinity.VectorGpu.Client.Wire;

/// <summary><c>POST /v1/collections/{name}/search/batch</c>.</summary>
public sealed record BatchSearchBody(IReadOnlyList<SearchBody>? Searches);
