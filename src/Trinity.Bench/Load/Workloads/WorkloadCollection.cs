namespace Trinity.Bench.Load.Workloads;

/// <summary>
/// A collection the workload searches, built once into the home folder by the prepare step. <c>documents</c>: text
/// files (<see cref="Paths"/>) ingested through the gateway, chunked and embedded by it. <c>synthetic</c>: <see cref="Points"/> random unit vectors of
/// <see cref="Dimension"/> written in-process through the vector pool before any gateway starts — a large exact
/// collection whose prefill-stage scans are long.
/// </summary>
internal sealed record WorkloadCollection
{
    public string Name { get; init; } = string.Empty;

    /// <summary><c>documents</c> or <c>synthetic</c>.</summary>
    public string Source { get; init; } = "documents";

    /// <summary>Files or folders (<c>*.md</c> inside), relative to the repository root or the current folder.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Tokens per chunk asked of the gateway's ingestion endpoint; null keeps its default.</summary>
    public int? ChunkTokens { get; init; }

    /// <summary>Characters per chunk when the gateway has no ingestion endpoint and the bench chunks itself.</summary>
    public int ChunkChars { get; init; } = 600;

    public int Points { get; init; }

    /// <summary>Must equal the gateway's embedding dimension when text queries search the collection.</summary>
    public int Dimension { get; init; } = 384;

    public int Seed { get; init; } = 7;
}
