namespace Trinity.Engine.Decode.Scheduling;

/// <summary>Where a sequence is in the engine.</summary>
internal enum SequencePhase
{
    /// <summary>Queued, not admitted (no KV reserved).</summary>
    Waiting,

    /// <summary>Admitted; its feed (prompt or injected context) is being run a chunk per step on its own cache.</summary>
    Prefilling,

    /// <summary>Prefilled, waiting for a decode slot.</summary>
    Ready,

    /// <summary>In the decode batch, in a slot.</summary>
    Running,

    /// <summary>Out of the batch while its decode-stage search runs; keeps its own cache.</summary>
    Parked,
}
