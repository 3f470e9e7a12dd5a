using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// A query as the scheduler tracks it: stage, deadline, the slices it must scan and which are done.
/// Its partial top-k lives in <see cref="State"/> (the device's query), untouched by the scheduler, so a
/// preempted query resumes exactly where it stopped.
/// </summary>
internal sealed class ScheduledQuery
{
    private readonly bool[] _done;
    private readonly int[] _plannedIn;
    private bool _cancelled;
    private Dictionary<ScanSlice, int>? _indexOf;
    private int _cursor;
    private int _joinIteration = -1;
    private int _joinCursor;

    public ScheduledQuery(long sequence, SearchStage stage, DateTimeOffset arrival, DateTimeOffset deadline, IReadOnlyList<ScanSlice> slices, object? state = null, IResumableSearch? search = null)
    {
        Sequence = sequence;
        Stage = stage;
        Arrival = arrival;
        Deadline = deadline;
        Slices = slices;
        State = state;
        _done = new bool[slices.Count];
        _plannedIn = new int[slices.Count];
        Array.Fill(_plannedIn, -1);
        Search = search;
        Remaining = search is null ? slices.Count : search.IsFinished ? 0 : 1;
    }

    /// <summary>The walk this query advances by steps (a graph search), instead of scanning <see cref="Slices"/>.</summary>
    public IResumableSearch? Search { get; }

    public long Sequence { get; }

    public SearchStage Stage { get; }

    public DateTimeOffset Arrival { get; }

    public DateTimeOffset Deadline { get; }

    public IReadOnlyList<ScanSlice> Slices { get; }

    /// <summary>Whatever the pool attaches (the device query, the caller's completion).</summary>
    public object? State { get; }

    public int Remaining { get; private set; }

    /// <summary>When its first slice ran; null while it has not started.</summary>
    public DateTimeOffset? Started { get; private set; }

    public DateTimeOffset? Completed { get; private set; }

    /// <summary>Iterations in which it had work left, had started, and got none (someone more urgent ran).</summary>
    public int Preemptions { get; private set; }

    public bool IsCancelled => Volatile.Read(ref _cancelled);

    public bool MissedDeadline => Completed > Deadline;

    /// <summary>Marks the query abandoned (callable from any thread); the scheduler drops it at the next boundary.</summary>
    public void Cancel() => Volatile.Write(ref _cancelled, true);

    internal bool IsDone(int slice) => _done[slice];

    /// <summary>Position of <paramref name="slice"/> in this query's list, if it needs it at all.</summary>
    internal bool TryGetIndex(ScanSlice slice, out int index)
    {
        if (_indexOf is null)
        {
            _indexOf = new Dictionary<ScanSlice, int>(Slices.Count);
            for (var i = 0; i < Slices.Count; i++)
            {
                _indexOf[Slices[i]] = i;
            }
        }

        return _indexOf.TryGetValue(slice, out index);
    }

    /// <summary>How many of this iteration's groups (in creation order) the query has already been offered.</summary>
    internal int JoinCursor(int iteration)
    {
        if (_joinIteration != iteration)
        {
            _joinIteration = iteration;
            _joinCursor = 0;
        }

        return _joinCursor;
    }

    internal void AdvanceJoinCursor(int to) => _joinCursor = to;

    /// <summary>
    /// First slice neither done nor planned in <paramref name="iteration"/>, or −1. Amortised O(1): every planned
    /// slice is done by the time the next iteration is planned, so the cursor only moves forward.
    /// </summary>
    internal int FirstOpen(int iteration)
    {
        while (_cursor < Slices.Count && (_done[_cursor] || _plannedIn[_cursor] == iteration))
        {
            _cursor++;
        }

        return _cursor < Slices.Count ? _cursor : -1;
    }

    internal bool IsPlannedIn(int slice, int iteration) => _plannedIn[slice] == iteration;

    internal void MarkPlanned(int slice, int iteration) => _plannedIn[slice] = iteration;

    internal void MarkDone(int slice, DateTimeOffset startedAt)
    {
        if (!_done[slice])
        {
            _done[slice] = true;
            Remaining--;
        }

        Started ??= startedAt;
    }

    /// <summary>Records that a walk ran steps in an iteration; done when the walk says so.</summary>
    internal void MarkStepped(DateTimeOffset startedAt)
    {
        Started ??= startedAt;
        if (Search!.IsFinished)
        {
            Remaining = 0;
        }
    }

    internal void MarkPreempted() => Preemptions++;

    internal void MarkCompleted(DateTimeOffset now) => Completed = now;

    /// <summary>Estimated seconds of scanning left, run alone.</summary>
    public double RemainingSeconds(IScanCostModel cost)
    {
        if (Search is { } search)
        {
            return search.EstimatedRemainingSteps * StepSeconds(cost, search);
        }

        double total = 0;
        for (var i = 0; i < Slices.Count; i++)
        {
            if (!_done[i])
            {
                total += cost.SliceSeconds(Slices[i].Count, Slices[i].Source.Stride, 1);
            }
        }

        return total;
    }

    /// <summary>Estimated seconds of one step of a walk (the cost model learns walks' own correction).</summary>
    internal static double StepSeconds(IScanCostModel cost, IResumableSearch search) =>
        cost.StepSeconds(search.RowsPerStep, search.FloatsPerRow);
}
