using System.Text.Json;

namespace Trinity.VectorGpu.Client;

/// <summary>One search result. <paramref name="Score"/>: similarity for <c>cosine</c>/<c>ip</c>, squared distance for <c>l2</c>.</summary>
public readonly record struct VectorHit(PointId Id, float Score, JsonElement? Payload);
