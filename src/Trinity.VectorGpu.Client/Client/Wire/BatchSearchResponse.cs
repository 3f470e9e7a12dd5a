using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Client.Wire;

/// <summary>One result per search, in request order.</summary>
public sealed record BatchSearchResponse(IReadOnlyList<VectorSearchResult> Results);
