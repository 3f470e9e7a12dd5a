namespace Trinity.Gateway.Retrieval;

/// <summary>A chunk a request's answer was grounded in, as reported in the response's <c>trinity.retrieval</c>.</summary>
public sealed record RetrievedChunk(string Id, double Score);
