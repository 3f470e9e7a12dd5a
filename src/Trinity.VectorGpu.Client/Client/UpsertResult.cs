namespace Trinity.VectorGpu.Client;

/// <summary>Acknowledgement of a durable write.</summary>
public sealed record UpsertResult
{
    /// <summary>Points written or deleted by the call.</summary>
    public required int Count { get; init; }

    /// <summary>Always <c>acknowledged</c>: returned only after the write reached the disk.</summary>
    public string Status { get; init; } = "acknowledged";
}
