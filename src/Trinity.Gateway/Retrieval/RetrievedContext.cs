namespace Trinity.Gateway.Retrieval;

/// <summary>Chunks found for a request before prefill.</summary>
/// <param name="Chunks">Id, score and text of each chunk, best first.</param>
/// <param name="Elapsed">Time the search took.</param>
internal sealed record RetrievedContext(IReadOnlyList<(string Id, double Score, string Text)> Chunks, TimeSpan Elapsed);
