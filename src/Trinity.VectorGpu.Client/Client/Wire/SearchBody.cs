using System.Text.Json;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Client.Wire;

/// <summary><c>POST /v1/collections/{name}/search</c>: a query with a deadline relative to its arrival.</summary>
public sealed record SearchBody
{
    public float[]? Vector { get; init; }

    public string? Text { get; init; }

    public int K { get; init; } = 10;

    public Dictionary<string, JsonElement>? Filter { get; init; }

    public int? Nprobe { get; init; }

    public int? Ef { get; init; }

    public SearchStage Stage { get; init; } = SearchStage.Prefill;

    /// <summary>Milliseconds from arrival; the pool's per-stage default when omitted.</summary>
    public double? DeadlineMs { get; init; }
}
