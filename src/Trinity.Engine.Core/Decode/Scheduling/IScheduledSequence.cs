namespace Trinity.Engine.Decode.Scheduling;

/// <summary>What the decode scheduler reads of a sequence. The engine's <see cref="Sequence"/> implements it; tests
/// implement it without a model.</summary>
internal interface IScheduledSequence
{
    /// <summary>KV positions the sequence may come to hold: prompt, max tokens and any context injected during decode.
    /// Admission reserves it against the engine's KV budget.</summary>
    int KvTokensNeeded { get; }

    /// <summary>Positions already in the sequence's cache.</summary>
    int CachedTokens { get; }

    /// <summary>Tokens still to run through the model before the next token can be sampled (prompt or injected context).</summary>
    int FeedRemaining { get; }

    /// <summary>Finished, cancelled, or handed off (a prefill-only sequence whose cache was exported).</summary>
    bool IsDone { get; }

    /// <summary>A decode-stage search is in flight: the sequence waits outside the batch.</summary>
    bool AwaitingRetrieval { get; }
}
