namespace Trinity.VectorGpu.Http;

/// <summary><c>POST /v1/collections/{name}/search/batch</c>.</summary>
internal sealed record BatchSearchBody(IReadOnlyList<SearchBody>? Searches);
