using System.Text.Json;

namespace Trinity.VectorGpu.Client;

/// <summary>A point to upsert: an id, a vector or a text to embed, and an optional JSON payload.</summary>
public sealed record VectorPoint
{
    /// <summary>Identifier; an upsert with an existing id replaces that point.</summary>
    public PointId Id { get; init; }

    /// <summary>The vector; exactly one of <see cref="Vector"/> and <see cref="Text"/>.</summary>
    public float[]? Vector { get; init; }

    /// <summary>Text embedded by the pool's embedder; exactly one of <see cref="Vector"/> and <see cref="Text"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Any JSON value, returned with search hits and matched by filters (top-level fields of an object).</summary>
    public JsonElement? Payload { get; init; }
}
