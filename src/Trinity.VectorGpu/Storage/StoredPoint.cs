namespace Trinity.VectorGpu.Storage;

/// <summary>A point as logged and snapshotted: id, prepared vector (normalised for cosine), payload as UTF-8 JSON.</summary>
internal sealed record StoredPoint(string Id, float[] Vector, byte[]? Payload);
