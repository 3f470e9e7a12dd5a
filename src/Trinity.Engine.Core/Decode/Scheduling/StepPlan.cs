namespace Trinity.Engine.Decode.Scheduling;

/// <summary>
/// What one engine step does, decided by <see cref="DecodeScheduler{T}"/>, in the order the executor applies it:
/// copy detached rows out, apply slot moves, copy joining sequences in, advance the decode rows by one token, run
/// the prefill chunks. Reused from step to step (cleared by the scheduler).
/// </summary>
internal sealed class StepPlan<T>
{
    /// <summary>When the plan was made.</summary>
    public DateTimeOffset At { get; internal set; }

    /// <summary>Sequences removed from the engine (done or cancelled), with the phase they were in; their KV
    /// reservation is already returned.</summary>
    public List<(T Sequence, SequencePhase Phase)> Dropped { get; } = [];

    /// <summary>Sequences admitted from the queue this step, with how long they waited.</summary>
    public List<(T Sequence, TimeSpan Waited)> Admitted { get; } = [];

    /// <summary>Rows leaving the batch for a decode-stage search: copy their slot out to their own cache first.</summary>
    public List<SlotAssignment<T>> Detached { get; } = [];

    /// <summary>Rows moving into holes (after detaches, before joins).</summary>
    public List<SlotMove> Moves { get; } = [];

    /// <summary>Sequences joining the batch: copy their own cache into the slot, then free it.</summary>
    public List<SlotAssignment<T>> Joins { get; } = [];

    /// <summary>The decode batch after the changes above, by slot (index = slot).</summary>
    public List<T> DecodeRows { get; } = [];

    /// <summary>Prefill work this step, in order.</summary>
    public List<PrefillChunk<T>> Prefill { get; } = [];

    /// <summary>Whether the batch's membership or slot layout changed this step.</summary>
    public bool MembershipChanged => Detached.Count > 0 || Moves.Count > 0 || Joins.Count > 0 || RowsDropped;

    /// <summary>Whether a running row was dropped this step.</summary>
    public bool RowsDropped { get; internal set; }

    /// <summary>Whether the step has anything to execute.</summary>
    public bool HasWork => DecodeRows.Count > 0 || Prefill.Count > 0;

    internal void Clear()
    {
        Dropped.Clear();
        Admitted.Clear();
        Detached.Clear();
        Moves.Clear();
        Joins.Clear();
        DecodeRows.Clear();
        Prefill.Clear();
        RowsDropped = false;
    }
}
