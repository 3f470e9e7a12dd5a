using System.Text.Json;

namespace Trinity.VectorGpu.Client;

/// <summary>One vector query for the pool.</summary>
public sealed record VectorSearchRequest
{
    /// <summary>Largest accepted <see cref="K"/>.</summary>
    public const int MaxK = 10_000;

    /// <summary>Collection to search.</summary>
    public required string Collection { get; init; }

    /// <summary>Query vector; exactly one of <see cref="Vector"/> and <see cref="Text"/>.</summary>
    public float[]? Vector { get; init; }

    /// <summary>Query text, embedded by the pool's embedder.</summary>
    public string? Text { get; init; }

    /// <summary>Number of hits wanted, 1 to <see cref="MaxK"/>.</summary>
    public int K { get; init; } = 10;

    /// <summary>Payload fields that must equal the given JSON values (all of them).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Filter { get; init; }

    /// <summary>IVF lists to scan; the pool's default when omitted; ignored by flat collections.</summary>
    public int? Nprobe { get; init; }

    /// <summary>Graph beam width (at least <see cref="K"/>); the pool's default when omitted; ignored by flat and IVF collections.</summary>
    public int? Ef { get; init; }

    /// <summary>The LLM stage this query blocks.</summary>
    public SearchStage Stage { get; init; } = SearchStage.Prefill;

    /// <summary>Absolute deadline; the pool's per-stage default when omitted.</summary>
    public DateTimeOffset? Deadline { get; init; }
}
