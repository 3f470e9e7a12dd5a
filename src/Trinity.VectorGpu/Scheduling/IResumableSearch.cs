namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// A query whose work is not a list of slices known in advance but a walk (a graph search) that advances by steps
/// and says when it is done. The scheduler grants it a bounded number of steps per iteration; its state lives in
/// the search itself, so a step count can be split across iterations, or the query preempted, with no work lost.
/// </summary>
internal interface IResumableSearch
{
    bool IsFinished { get; }

    /// <summary>Vectors scored per step at most (the graph's degree).</summary>
    int RowsPerStep { get; }

    /// <summary>Size of one scored vector, in floats' worth of bytes (bytes / 4), for the cost model.</summary>
    int FloatsPerRow { get; }

    /// <summary>Steps it probably still needs, for slack estimates.</summary>
    int EstimatedRemainingSteps { get; }
}
