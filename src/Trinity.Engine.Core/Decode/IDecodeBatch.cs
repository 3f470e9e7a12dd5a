using Trinity.Engine.Decode.Scheduling;

namespace Trinity.Engine.Decode;

/// <summary>The executor side of the decode batch: applies the scheduler's slot changes to the KV cache and runs one
/// forward pass that advances every row by one token. One implementation per <see cref="Model.KvLayout"/>.</summary>
internal interface IDecodeBatch : IDisposable
{
    /// <summary>Bytes of KV cache the batch holds.</summary>
    long KvBytes { get; }

    /// <summary>Copies detached rows out to their own caches, moves rows into holes and copies joining sequences in.</summary>
    void Apply(StepPlan<Sequence> plan);

    /// <summary>Feeds every row (index = slot) its pending token, samples the next one and hands it to the row.</summary>
    void Step(IReadOnlyList<Sequence> rows);

    /// <summary>Forgets every row (after a failure); their own caches are the caller's to free.</summary>
    void Reset();
}
