namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// The pure core of the pool's iteration loop (no I/O, time only from the injected <see cref="TimeProvider"/>):
/// queries wait, the policy admits them into the running set and orders it, and each iteration fills its
/// budget with (query, slice) work items, joining a query to slices other queries already take before adding new
/// ones. Runs unchanged in the pool, in unit tests on virtual time and in the simulator.
/// </summary>
internal sealed class VectorScheduler
{
    private readonly List<ScheduledQuery> _waiting = [];
    private readonly List<ScheduledQuery> _running = [];
    private readonly IVectorSchedulingPolicy _policy;
    private readonly IScanCostModel _cost;
    private readonly TimeProvider _time;
    private int _iteration;
    private List<ScheduledQuery> _droppedWaiting = [];

    public VectorScheduler(IVectorSchedulingPolicy policy, IScanCostModel cost, TimeSpan iterationBudget, TimeProvider time)
    {
        _policy = policy;
        _cost = cost;
        _time = time;
        IterationBudget = iterationBudget;
    }

    public TimeSpan IterationBudget { get; }

    public IVectorSchedulingPolicy Policy => _policy;

    public int WaitingCount => _waiting.Count;

    public int RunningCount => _running.Count;

    public bool IsIdle => _waiting.Count == 0 && _running.Count == 0;

    /// <summary>When the policy wants to be asked again although nothing can run now (a static batch's timeout).</summary>
    public DateTimeOffset? WakeAt { get; private set; }

    public void Enqueue(ScheduledQuery query) => _waiting.Add(query);

    /// <summary>Admits and orders queries and picks this iteration's work; an empty plan may still complete zero-work or cancelled queries.</summary>
    public IterationPlan Plan()
    {
        var now = _time.GetUtcNow();
        _waiting.RemoveAll(q => q.IsCancelled && Drop(q));
        var decision = _policy.Admit(_waiting, _running, now);
        var admitted = Math.Clamp(decision.Count, 0, _waiting.Count);
        _running.AddRange(_waiting.GetRange(0, admitted));
        _waiting.RemoveRange(0, admitted);
        WakeAt = admitted == 0 ? decision.WakeAt : null;

        _policy.Order(_running, now, _cost);
        var plan = new IterationPlan(++_iteration, now);
        var groups = new Dictionary<ScanSlice, PlannedSlice>();
        var budget = IterationBudget.TotalSeconds;
        var full = false;
        foreach (var query in _running)
        {
            if (query.IsCancelled || query.Remaining == 0)
            {
                continue;
            }

            // First the slices this iteration already reads for someone else: only their compute is extra.
            for (var i = 0; i < query.Slices.Count; i++)
            {
                if (!query.IsDone(i) && groups.TryGetValue(query.Slices[i], out var group))
                {
                    var slice = query.Slices[i];
                    var extra = _cost.SliceSeconds(slice.Count, slice.Source.Stride, group.Members.Count + 1) - _cost.SliceSeconds(slice.Count, slice.Source.Stride, group.Members.Count);
                    if (plan.EstimatedSeconds + extra > budget)
                    {
                        continue;
                    }

                    Join(plan, group, query, i, extra);
                }
            }

            for (var i = 0; i < query.Slices.Count && !full; i++)
            {
                if (query.IsDone(i) || query.IsPlannedIn(i, plan.Number))
                {
                    continue;
                }

                var slice = query.Slices[i];
                var cost = _cost.SliceSeconds(slice.Count, slice.Source.Stride, 1);
                if (plan.EstimatedSeconds + cost > budget && !plan.IsEmpty)
                {
                    full = true;
                    break;
                }

                if (!groups.TryGetValue(slice, out var group))
                {
                    group = new PlannedSlice(slice);
                    groups.Add(slice, group);
                    plan.Slices.Add(group);
                }

                Join(plan, group, query, i, cost);
            }
        }

        return plan;
    }

    /// <summary>Marks the plan's work done once the device has run it; returns completed and cancelled queries (removed) and counts preemptions.</summary>
    public IterationOutcome Complete(IterationPlan plan)
    {
        var now = _time.GetUtcNow();
        foreach (var group in plan.Slices)
        {
            foreach (var (query, index) in group.Members)
            {
                query.MarkDone(index, plan.StartedAt);
            }
        }

        var completed = new List<ScheduledQuery>();
        var cancelled = new List<ScheduledQuery>();
        var preempted = 0;
        foreach (var query in _running)
        {
            if (query.IsCancelled)
            {
                cancelled.Add(query);
            }
            else if (query.Remaining == 0)
            {
                query.MarkCompleted(now);
                completed.Add(query);
            }
            else if (query.Started is not null && !plan.Queries.Contains(query))
            {
                query.MarkPreempted();
                preempted++;
            }
        }

        _running.RemoveAll(q => q.IsCancelled || q.Remaining == 0);
        return new IterationOutcome(completed, cancelled, preempted);
    }

    /// <summary>Waiting queries dropped because they were cancelled before they ran.</summary>
    public List<ScheduledQuery> DrainCancelled()
    {
        var drained = _droppedWaiting;
        _droppedWaiting = [];
        return drained;
    }

    private bool Drop(ScheduledQuery query)
    {
        _droppedWaiting.Add(query);
        return true;
    }

    private static void Join(IterationPlan plan, PlannedSlice group, ScheduledQuery query, int index, double cost)
    {
        group.Members.Add((query, index));
        query.MarkPlanned(index, plan.Number);
        plan.Queries.Add(query);
        plan.EstimatedSeconds += cost;
    }
}
