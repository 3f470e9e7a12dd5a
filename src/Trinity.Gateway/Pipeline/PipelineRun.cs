namespace Trinity.Gateway.Pipeline;

/// <summary>A request the pipeline has accepted: everything that can refuse it (validation, the answer cache,
/// retrieval, admission) is behind it, so a protocol handler may start its response. Dispose it when the response
/// is done: that ends the request's admission.</summary>
internal sealed class PipelineRun(int promptTokens, int sequences, bool fromCache, IAsyncEnumerable<SequenceEvent> events, IDisposable? admission)
    : IDisposable
{
    /// <summary>Prompt tokens the request is billed for.</summary>
    public int PromptTokens { get; } = promptTokens;

    /// <summary>Sequences (choices) the events are indexed by.</summary>
    public int Sequences { get; } = sequences;

    /// <summary>Whether the events replay an answer from the cache rather than a generation.</summary>
    public bool FromCache { get; } = fromCache;

    /// <summary>Text, tokens and finish reason of every sequence as they come; enumerate once.</summary>
    public IAsyncEnumerable<SequenceEvent> Events { get; } = events;

    public void Dispose() => admission?.Dispose();
}
