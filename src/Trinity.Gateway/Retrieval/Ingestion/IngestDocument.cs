using System.Text.Json;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>One document of an ingest request.</summary>
public sealed record IngestDocument
{
    /// <summary>Document id, 1 to 200 characters without control characters; chunks get ids <c>{id}#{index}</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The text to chunk.</summary>
    public string? Text { get; init; }

    /// <summary>A JSON object whose fields are copied into every chunk's payload (so that searches can filter on them).</summary>
    public JsonElement? Metadata { get; init; }
}
