using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Http;

/// <summary>One result per search, in request order.</summary>
internal sealed record BatchSearchResponse(IReadOnlyList<VectorSearchResult> Results);
