namespace Trinity.Contracts;

/// <summary>
/// Retrieval during decode (<c>retrieval.mode = "interval"</c>): every <see cref="IntervalTokens"/> generated tokens the
/// decode engine searches <see cref="Collection"/> in the vector pool with stage <c>decode</c> and a deadline of
/// <see cref="DeadlineMs"/> from the moment it asks, and appends the chunks found to the sequence (a small in-place
/// prefill) before generating on. The chunks are model input, not output: they are never streamed to the client.
/// </summary>
public sealed record DecodeRetrieval
{
    public required string Collection { get; init; }

    public int K { get; init; } = 2;

    public int IntervalTokens { get; init; } = 32;

    /// <summary>The question retrieval is about; the text generated since the last search is appended to it.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>Time each decode-stage search may take (the request's TPOT objective).</summary>
    public double DeadlineMs { get; init; } = 200;

    /// <summary>Longest the sequence waits for a search before it generates on without its result.</summary>
    public double MaxWaitMs { get; init; } = 2000;

    /// <summary>How the chunks enter the sequence; <c>{context}</c> is replaced by their texts.</summary>
    public string Template { get; init; } = "\n[context: {context}]\n";

    /// <summary>Chunks already in the prompt (retrieval before prefill), not appended again.</summary>
    public IReadOnlyList<string> SeenChunks { get; init; } = [];
}
