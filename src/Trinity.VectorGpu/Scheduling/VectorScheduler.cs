using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Scheduling;

/// <summary>
/// The pure core of the pool's iteration loop (no I/O, time only from the injected <see cref="TimeProvider"/>):
/// queries wait, the policy admits them into the running set and orders it, and each iteration fills its budget
/// with (query, slice) work items. Urgent queries take what they need first, in order; the others then share
/// the rest one slice per query per round, joining slices the iteration already reads before adding new ones,
/// so concurrent scans of one collection move in step and read each slice once. Runs unchanged in the pool,
/// in unit tests on virtual time and in the simulator.
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

    /// <summary>How long after a decode-stage query arrived iterations keep the decode budget.</summary>
    public static readonly TimeSpan DecodeWindow = TimeSpan.FromMilliseconds(100);

    private DateTimeOffset _lastDecode = DateTimeOffset.MinValue;

    public VectorScheduler(IVectorSchedulingPolicy policy, IScanCostModel cost, TimeSpan iterationBudget, TimeProvider time, int maxStepsPerIteration = 256, int stepChunk = 16, TimeSpan? decodeBudget = null)
    {
        DecodeBudget = decodeBudget is { } decode && decode < iterationBudget ? decode : iterationBudget;
        _policy = policy;
        _cost = cost;
        _time = time;
        IterationBudget = iterationBudget;
        MaxStepsPerIteration = Math.Max(1, maxStepsPerIteration);
        StepChunk = Math.Clamp(stepChunk, 1, MaxStepsPerIteration);
    }

    public TimeSpan IterationBudget { get; }

    /// <summary>
    /// The budget while decode-stage queries flow (one arrived within <see cref="DecodeWindow"/>). A decode-stage query
    /// waits for the iteration in progress, planned before it arrived, and then runs in an iteration of its own: both
    /// are shorter with a shorter budget, at the price of more iterations (each with its own fixed cost) for the
    /// scans. Measured on two cores (docs/BENCHMARKS.md): 1 ms instead of 2 cut the decode-stage P99 by about a third
    /// and batch-64 scan throughput by about 12 %, so the short budget is only used while decode traffic is there.
    /// </summary>
    public TimeSpan DecodeBudget { get; }

    /// <summary>Most steps (graph expansions) one walk advances in one iteration: how long a walk can hold the device.</summary>
    public int MaxStepsPerIteration { get; }

    /// <summary>Steps granted at a time, so walks that share an iteration advance round-robin.</summary>
    public int StepChunk { get; }

    public IVectorSchedulingPolicy Policy => _policy;

    public int WaitingCount => _waiting.Count;

    public int RunningCount => _running.Count;

    public bool IsIdle => _waiting.Count == 0 && _running.Count == 0;

    /// <summary>When the policy wants to be asked again although nothing can run now (a static batch's timeout).</summary>
    public DateTimeOffset? WakeAt { get; private set; }

    public void Enqueue(ScheduledQuery query)
    {
        if (query.Stage == SearchStage.Decode)
        {
            _lastDecode = _time.GetUtcNow();
        }

        _waiting.Add(query);
    }

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
        var budget = now - _lastDecode < DecodeWindow ? DecodeBudget : IterationBudget;
        var state = new PlanState(plan, budget.TotalSeconds);
        var sharing = new List<ScheduledQuery>();
        foreach (var query in _running)
        {
            if (query.IsCancelled || query.Remaining == 0)
            {
                continue;
            }

            if (!_policy.IsUrgent(query))
            {
                sharing.Add(query);
                continue;
            }

            while (TakeOne(state, query, greedy: true))
            {
            }
        }

        // Round-robin over the others: each round gives every query one more slice while the budget lasts.
        while (sharing.Count > 0)
        {
            // A lone sharer takes all its rounds at once (the same grants, without a round per chunk).
            var greedy = sharing.Count == 1;
            sharing.RemoveAll(query => !TakeOne(state, query, greedy));
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

        foreach (var query in plan.Steps.Keys)
        {
            query.MarkStepped(plan.StartedAt);
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

    /// <summary>
    /// Gives the query one more slice: one the iteration already reads if it still needs one (only compute is
    /// extra), else a new one. False when it has nothing left that fits. The first slice of an empty plan always
    /// fits, so every iteration makes progress however small the budget.
    /// </summary>
    private bool TakeOne(PlanState state, ScheduledQuery query, bool greedy)
    {
        if (query.Search is { } search)
        {
            return TakeSteps(state, query, search, greedy);
        }

        var plan = state.Plan;
        if (state.Groups.Count > 0 && (TryJoin(state, query, out var joined) || joined))
        {
            return true;
        }

        var fresh = query.FirstOpen(plan.Number);
        while (fresh >= 0 && fresh < query.Slices.Count && (query.IsDone(fresh) || query.IsPlannedIn(fresh, plan.Number) || state.Groups.ContainsKey(query.Slices[fresh])))
        {
            // Read by others this iteration but too dear to join: not a new slice either.
            fresh++;
        }

        if (fresh < 0 || fresh >= query.Slices.Count || state.Full)
        {
            return false;
        }

        var next = query.Slices[fresh];
        var cost = _cost.SliceSeconds(next.Count, next.Source.Stride, 1);
        if (plan.EstimatedSeconds + cost > state.Budget && !plan.IsEmpty)
        {
            // No new slice fits: later queries may still join slices already read, but start none.
            state.Full = true;
            return false;
        }

        var created = new PlannedSlice(next);
        state.Groups.Add(next, created);
        state.Created.Add(created);
        plan.Slices.Add(created);
        query.AdvanceJoinCursor(state.Created.Count);
        Join(plan, created, query, fresh, cost);
        return true;
    }

    /// <summary>
    /// Joins the query to a slice this iteration already reads, if it needs one and the extra compute fits. Each
    /// group is offered once per query and iteration: a join that does not fit now never will, the budget only shrinks.
    /// </summary>
    private bool TryJoin(PlanState state, ScheduledQuery query, out bool joined)
    {
        var plan = state.Plan;
        joined = false;
        var g = query.JoinCursor(plan.Number);
        for (; g < state.Created.Count; g++)
        {
            var group = state.Created[g];
            var slice = group.Slice;
            if (!query.TryGetIndex(slice, out var i) || query.IsDone(i) || query.IsPlannedIn(i, plan.Number))
            {
                continue;
            }

            var extra = _cost.SliceSeconds(slice.Count, slice.Source.Stride, group.Members.Count + 1) - _cost.SliceSeconds(slice.Count, slice.Source.Stride, group.Members.Count);
            if (plan.EstimatedSeconds + extra <= state.Budget)
            {
                Join(plan, group, query, i, extra);
                query.AdvanceJoinCursor(g + 1);
                joined = true;
                return true;
            }
        }

        query.AdvanceJoinCursor(g);
        return false;
    }

    /// <summary>Grants a walk one more chunk of steps, up to its per-iteration bound, while the budget lasts (the first work of an empty plan always fits).</summary>
    /// <summary>
    /// Grants a walk one more chunk of expansions (<c>StepChunk</c>), or with <paramref name="greedy"/> every chunk that
    /// still fits, one after another exactly as repeated calls would: the same grant and estimate, without a
    /// dictionary update and a round per chunk (a lone walk used to cost ~6 µs of planning in 16 rounds).
    /// </summary>
    private bool TakeSteps(PlanState state, ScheduledQuery query, IResumableSearch search, bool greedy)
    {
        var plan = state.Plan;
        var granted = plan.Steps.GetValueOrDefault(query);
        var first = plan.IsEmpty;
        var stepSeconds = ScheduledQuery.StepSeconds(_cost, search);
        var took = 0;
        do
        {
            if (granted + took >= MaxStepsPerIteration || state.Full)
            {
                break;
            }

            var chunk = Math.Min(StepChunk, MaxStepsPerIteration - granted - took);
            var cost = chunk * stepSeconds;
            if (plan.EstimatedSeconds + cost > state.Budget && !(first && took == 0))
            {
                state.Full = true;
                break;
            }

            took += chunk;
            plan.EstimatedSeconds += cost;
            plan.StepEstimatedSeconds += cost;
        }
        while (greedy);

        if (took == 0)
        {
            return false;
        }

        plan.Steps[query] = granted + took;
        plan.Queries.Add(query);
        return true;
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
