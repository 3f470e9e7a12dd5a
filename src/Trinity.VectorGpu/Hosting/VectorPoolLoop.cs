using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Diagnostics;
using Trinity.VectorGpu.Scheduling;

namespace Trinity.VectorGpu.Hosting;

/// <summary>
/// The pool's iteration loop: schedule → execute → update. Pulls queries from the channel at every boundary,
/// asks the scheduler for the iteration's work, runs it on the device under the collections' locks, and
/// answers the queries that finished.
/// </summary>
internal sealed class VectorPoolLoop : BackgroundService
{
    private readonly VectorPoolQueue _queue;
    private readonly CollectionRegistry _registry;
    private readonly IVectorDevice _device;
    private readonly VectorPoolMetrics _metrics;
    private readonly VectorPoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<VectorPoolLoop> _logger;
    private readonly VectorScheduler _scheduler;
    private readonly LinearScanCostModel _cost;
    private long _sequence;

    public VectorPoolLoop(
        VectorPoolQueue queue,
        CollectionRegistry registry,
        IVectorDevice device,
        VectorPoolMetrics metrics,
        IOptions<VectorPoolOptions> options,
        TimeProvider time,
        ILogger<VectorPoolLoop> logger)
    {
        _queue = queue;
        _registry = registry;
        _device = device;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _cost = new LinearScanCostModel(_options.ScanBytesPerSecond, _options.FlopsPerSecond);
        _scheduler = SchedulingPolicyFactory.CreateScheduler(_options, _cost, time);
    }

    // The loop is CPU-bound and blocks while the device runs: it gets a thread of its own rather than holding a
    // thread-pool thread, which starved the callers' continuations (and so their latency) on small machines.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static bool Wait(ValueTask<bool> pending) => pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private void Run(CancellationToken stoppingToken)
    {
        VectorPoolLog.PoolStarted(_logger, _device.Name, _scheduler.Policy.Name, _registry.Home, _registry.Count);
        Thread.CurrentThread.Name = "trinity-vector-loop";
        try
        {
            Loop(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private void Loop(CancellationToken stoppingToken)
    {
        var reader = _queue.Channel.Reader;
        while (!stoppingToken.IsCancellationRequested)
        {
            while (reader.TryRead(out var pending))
            {
                Admit(pending);
            }

            _metrics.QueueDepth(_scheduler.WaitingCount + _scheduler.RunningCount);
            if (_scheduler.IsIdle)
            {
                if (SpinForArrival(reader))
                {
                    continue;
                }

                if (!Wait(reader.WaitToReadAsync(stoppingToken)))
                {
                    return;
                }

                continue;
            }

            var plan = _scheduler.Plan();
            FailAll(_scheduler.DrainCancelled());
            var started = _time.GetTimestamp();
            var walkSeconds = 0.0;
            if (!plan.IsEmpty)
            {
                try
                {
                    walkSeconds = Execute(plan);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    VectorPoolLog.IterationFailed(_logger, exception);
                    foreach (var query in plan.Queries)
                    {
                        ((SearchJob)query.State!).Pending.Completion.TrySetException(new VectorPoolException("vector search failed", exception));
                        query.Cancel();
                    }
                }
            }

            var outcome = _scheduler.Complete(plan);
            var elapsed = _time.GetElapsedTime(started);
            if (plan.Slices.Count > 0)
            {
                _cost.Observe(plan.EstimatedSeconds - plan.StepEstimatedSeconds, elapsed.TotalSeconds - walkSeconds);
            }

            _cost.ObserveSteps(plan.StepEstimatedSeconds, walkSeconds);
            _metrics.Iteration(elapsed, plan.Queries.Count, outcome.Preempted);
            foreach (var query in outcome.Completed)
            {
                Finish(query);
            }

            FailAll(outcome.Cancelled);
            if (plan.IsEmpty && outcome.Completed.Count == 0 && _scheduler.WakeAt is { } wake)
            {
                WaitForArrival(wake, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Polls the queue for a short while before sleeping: a caller that sends its next query right after an answer
    /// (a closed loop, a decode step) then finds the loop awake instead of paying a thread wake-up, which costs as
    /// much as a small graph search. Bounded by <see cref="VectorPoolOptions.IdleSpinMicroseconds"/>.
    /// </summary>
    private bool SpinForArrival(System.Threading.Channels.ChannelReader<PendingSearch> reader) =>
        BoundedSpin.Until(reader, static r => r.Count > 0, _options.IdleSpinMicroseconds);

    private void Admit(PendingSearch pending, bool exact = false)
    {
        if (pending.Cancelled)
        {
            return;
        }

        var collection = pending.Collection;
        lock (collection.Sync)
        {
            if (collection.IsDisposed)
            {
                pending.Completion.TrySetException(VectorPoolException.NotFound($"collection '{collection.Name}' was deleted"));
                return;
            }

            ScheduledQuery scheduled;
            if (!exact && collection.StartWalk(pending.Vector, pending.K, pending.Ef, pending.Filter) is { } walk)
            {
                // A walk keeps its own candidates: no scan heap.
                scheduled = new ScheduledQuery(++_sequence, pending.Stage, pending.Arrival, pending.Deadline, [], new SearchJob(pending, null, Exact: false, walk), walk);
            }
            else
            {
                var query = new DeviceQuery(pending.Vector, collection.Spec.Metric, collection.ScanKeep(pending.K), collection.Acceptor(pending.Filter))
                {
                    LivenessOnly = pending.Filter is null,
                    Stage = pending.Stage,
                };
                var slices = collection.PlanScan(pending.Vector, pending.Nprobe, _options.SliceRows, exact);
                var job = new SearchJob(pending, query, exact || !collection.UsesIndex);
                scheduled = new ScheduledQuery(++_sequence, pending.Stage, pending.Arrival, pending.Deadline, slices, job);
            }

            pending.Scheduled = scheduled;
            collection.SearchStarted();
            _scheduler.Enqueue(scheduled);
        }
    }

    /// <summary>Runs the plan under the collections' locks; returns the seconds the walks took (learnt apart from scans).</summary>
    private double Execute(IterationPlan plan)
    {
        var collections = new SortedDictionary<string, Collection>(StringComparer.Ordinal);
        foreach (var query in plan.Queries)
        {
            var collection = ((SearchJob)query.State!).Pending.Collection;
            collections.TryAdd(collection.Name + "\0" + collection.GetHashCode(), collection);
        }

        // One lock per collection, always taken in name order, so writers never deadlock with the loop.
        var held = new List<Collection>(collections.Count);
        try
        {
            foreach (var collection in collections.Values)
            {
                collection.Sync.Enter();
                held.Add(collection);
            }

            // Built under the locks: work of a collection deleted meanwhile is dropped (a quantized collection's
            // mapped vectors are unmapped with it); its queries are answered 404 when they finish.
            var work = new List<SliceWork>(plan.Slices.Count);
            foreach (var group in plan.Slices)
            {
                var first = (SearchJob)group.Members[0].Query.State!;
                if (first.Pending.Collection.IsDisposed)
                {
                    continue;
                }

                var queries = new DeviceQuery[group.Members.Count];
                for (var i = 0; i < queries.Length; i++)
                {
                    queries[i] = ((SearchJob)group.Members[i].Query.State!).Query!;
                }

                work.Add(new SliceWork(group.Slice.Source, group.Slice.Start, group.Slice.Count, queries));
            }

            var walks = new List<WalkWork>(plan.Steps.Count);
            foreach (var (query, steps) in plan.Steps)
            {
                var job = (SearchJob)query.State!;
                if (job.Pending.Collection.IsDisposed)
                {
                    job.Walk!.Finish();
                }
                else
                {
                    walks.Add(new WalkWork(job.Walk!, steps));
                }
            }

            if (work.Count > 0)
            {
                _device.Execute(work);
            }

            var walking = _time.GetTimestamp();
            WalkRunner.Advance(_device, walks);
            return walks.Count > 0 ? _time.GetElapsedTime(walking).TotalSeconds : 0;
        }
        finally
        {
            foreach (var collection in held)
            {
                collection.Sync.Exit();
            }
        }
    }

    private void Finish(ScheduledQuery query)
    {
        var collection = ((SearchJob)query.State!).Pending.Collection;
        try
        {
            Resolve(query);
        }
        finally
        {
            // After its hits are resolved (or it was admitted again as an exact pass, which counts anew): until
            // then its top-k holds row numbers that a compaction would change.
            collection.SearchEnded();
        }
    }

    private void Resolve(ScheduledQuery query)
    {
        var job = (SearchJob)query.State!;
        var pending = job.Pending;
        var collection = pending.Collection;
        if (collection.IsDisposed)
        {
            job.Walk?.Finish();
            pending.Completion.TrySetException(VectorPoolException.NotFound($"collection '{collection.Name}' was deleted"));
            return;
        }

        if (job.Walk is { } walk)
        {
            FinishWalk(query, job, walk);
            return;
        }

        var heap = job.Query!.Heap;
        if (!job.Exact && heap.Count < pending.K && collection.LiveCount > heap.Count)
        {
            // The probed lists held fewer than k acceptable points (a selective filter, a small k-vs-list ratio):
            // scan every row so that k results come back whenever k matching points exist.
            Admit(pending, exact: true);
            return;
        }

        List<VectorHit> hits;
        lock (collection.Sync)
        {
            hits = collection.ResolveScan(heap, pending.Vector, pending.K);
        }

        var elapsed = query.Completed!.Value - pending.Arrival;
        _metrics.SearchCompleted(pending.Stage, elapsed, query.MissedDeadline);
        pending.Completion.TrySetResult(new VectorSearchResult { Results = hits });
    }

    private void FinishWalk(ScheduledQuery query, SearchJob job, Indexes.GraphWalk walk)
    {
        var pending = job.Pending;
        var collection = pending.Collection;
        List<VectorHit> hits;
        int live;
        lock (collection.Sync)
        {
            walk.Finish();
            hits = walk.Hits ?? collection.ResolveWalk(walk, pending.K);
            live = collection.LiveCount;
        }

        if (hits.Count < pending.K && live > hits.Count)
        {
            // The walk reached fewer than k acceptable points (a selective filter, many deletions): scan every row
            // so that k results come back whenever k matching points exist.
            Admit(pending, exact: true);
            return;
        }

        var elapsed = query.Completed!.Value - pending.Arrival;
        _metrics.SearchCompleted(pending.Stage, elapsed, query.MissedDeadline);
        pending.Completion.TrySetResult(new VectorSearchResult { Results = hits });
    }

    private static void FailAll(IReadOnlyList<ScheduledQuery> queries)
    {
        foreach (var query in queries)
        {
            var job = (SearchJob)query.State!;
            job.Pending.Collection.SearchEnded();
            job.Walk?.Finish();
            job.Pending.Completion.TrySetCanceled();
        }
    }

    private void WaitForArrival(DateTimeOffset wake, CancellationToken stoppingToken)
    {
        var delay = wake - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(delay, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            Wait(_queue.Channel.Reader.WaitToReadAsync(linked.Token));
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The static batch's timeout expired: plan again.
        }
    }
}
