using Trinity.Common.Time;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Scheduling;

namespace Trinity.Tests.VectorGpu.Scheduling;

/// <summary>Walks (graph searches) in the pure scheduler on virtual time.</summary>
public sealed class GraphSchedulingTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(2);
    private static readonly LinearScanCostModel Cost = new(8e9, 4e10);

    [Fact]
    public void Plan_PrefillWalkWhileDecodeScansArrive_PreemptedThenResumedWithEveryStepRunOnce()
    {
        var time = new ManualTimeProvider();
        var scheduler = new VectorScheduler(new TrinityPolicy(), Cost, Budget, time, maxStepsPerIteration: 8, stepChunk: 4);
        var walk = new CountingWalk(totalSteps: 40);
        var query = new ScheduledQuery(1, SearchStage.Prefill, time.GetUtcNow(), time.GetUtcNow().AddSeconds(1), [], search: walk);
        scheduler.Enqueue(query);
        var big = new SliceSource(128, 128, VectorMetric.L2) { Count = 32_768 };
        var granted = new List<int>();
        for (var i = 0; !scheduler.IsIdle; i++)
        {
            if (i is 2 or 3)
            {
                // A decode-stage scan that fills the budget on its own.
                scheduler.Enqueue(new ScheduledQuery(100 + i, SearchStage.Decode, time.GetUtcNow(), time.GetUtcNow().AddMilliseconds(20), [new ScanSlice(big, 0, 32_768)]));
            }

            var plan = scheduler.Plan();
            var steps = plan.Steps.GetValueOrDefault(query);
            granted.Add(steps);
            walk.Run(steps);
            time.Advance(TimeSpan.FromSeconds(plan.EstimatedSeconds));
            scheduler.Complete(plan);
        }

        Assert.Equal([8, 8, 0, 0, 8, 8, 8], granted);
        Assert.Equal(40, walk.Done);
        Assert.Equal(2, query.Preemptions);
        Assert.NotNull(query.Completed);
    }

    [Fact]
    public void Plan_SeveralWalks_ShareAnIterationRoundRobinUpToTheBound()
    {
        var time = new ManualTimeProvider();
        var scheduler = new VectorScheduler(new TrinityPolicy(), Cost, Budget, time, maxStepsPerIteration: 12, stepChunk: 4);
        var queries = Enumerable.Range(0, 3).Select(i => new ScheduledQuery(i, SearchStage.Prefill, time.GetUtcNow(), time.GetUtcNow().AddSeconds(1), [], search: new CountingWalk(100))).ToList();
        queries.ForEach(scheduler.Enqueue);

        var plan = scheduler.Plan();

        Assert.Equal([12, 12, 12], queries.Select(q => plan.Steps[q]));
    }

    [Theory]
    [InlineData(SearchStage.Prefill)]
    [InlineData(SearchStage.Decode)]
    public void Plan_LoneWalk_GrantedTheWholeChunksThatFitTheBudgetAtOnce(SearchStage stage)
    {
        // Two and a half chunks' worth of budget: the first chunk always, the second fits, the third does not.
        var chunkSeconds = 4 * Cost.StepSeconds(32, 128);
        var time = new ManualTimeProvider();
        var scheduler = new VectorScheduler(new TrinityPolicy(), Cost, TimeSpan.FromSeconds(2.5 * chunkSeconds), time, maxStepsPerIteration: 64, stepChunk: 4);
        var query = new ScheduledQuery(1, stage, time.GetUtcNow(), time.GetUtcNow().AddSeconds(1), [], search: new CountingWalk(100));
        scheduler.Enqueue(query);

        var plan = scheduler.Plan();

        Assert.Equal(8, plan.Steps[query]);
        Assert.Equal(2 * chunkSeconds, plan.EstimatedSeconds, 1e-12);
        Assert.Equal([query], plan.Queries);
    }

    /// <summary>A walk that needs a fixed number of steps; each step scores 32 vectors of 128 floats.</summary>
    private sealed class CountingWalk(int totalSteps) : IResumableSearch
    {
        public int Done { get; private set; }

        public bool IsFinished => Done >= totalSteps;

        public int RowsPerStep => 32;

        public int FloatsPerRow => 128;

        public int EstimatedRemainingSteps => Math.Max(1, totalSteps - Done);

        public void Run(int steps) => Done = Math.Min(totalSteps, Done + steps);
    }
}
