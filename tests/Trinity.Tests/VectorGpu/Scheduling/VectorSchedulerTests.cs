using Trinity.Common.Time;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Scheduling;

namespace Trinity.Tests.VectorGpu.Scheduling;

/// <summary>The pure scheduler on virtual time, with a device that takes exactly the cost model's estimate.</summary>
public sealed class VectorSchedulerTests
{
    private const int SliceRows = 8192;
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(2);
    private static readonly LinearScanCostModel Cost = new(8e9, 4e10);
    private static readonly SliceSource Big = new(128, 128, VectorMetric.L2) { Count = 200_000 };
    private static readonly SliceSource Small = new(128, 128, VectorMetric.L2) { Count = 2_000 };
    private static readonly SliceSource Medium = new(128, 128, VectorMetric.L2) { Count = 3 * SliceRows };

    [Fact]
    public void Plan_DecodeArrivesDuringPrefillScan_TrinityFinishesItWithinOneIterationBudget()
    {
        var (decodeLatency, scan) = RunScanThenDecode(new TrinityPolicy());

        // It arrives mid-iteration: the rest of that iteration plus the next one, which it leads.
        Assert.True(decodeLatency <= Budget + (Budget / 2), $"decode took {decodeLatency.TotalMilliseconds} ms");
        Assert.Equal(0, scan.Remaining);
    }

    [Fact]
    public void Plan_DecodeArrivesDuringPrefillScan_FifoMakesItWaitForTheScan()
    {
        var (decodeLatency, scan) = RunScanThenDecode(new FifoPolicy());

        Assert.True(decodeLatency >= TimeSpan.FromMilliseconds(5), $"decode took {decodeLatency.TotalMilliseconds} ms");
        Assert.Equal(0, scan.Preemptions);
    }

    [Fact]
    public void Plan_PreemptedScan_ResumesWithoutRedoingSlices()
    {
        var time = new ManualTimeProvider();
        var scheduler = new VectorScheduler(new TrinityPolicy(), Cost, Budget, time);
        var scan = Query(1, SearchStage.Prefill, time, Slices(Big), TimeSpan.FromSeconds(1));
        scheduler.Enqueue(scan);
        var executed = new Dictionary<(int, int), int>();
        for (var i = 0; !scheduler.IsIdle; i++)
        {
            if (i % 2 == 1)
            {
                // Enough decode work to fill an iteration: the scan is left out of it entirely.
                scheduler.Enqueue(Query(100 + i, SearchStage.Decode, time, Slices(Medium), TimeSpan.FromMilliseconds(20)));
            }

            var plan = scheduler.Plan();
            foreach (var group in plan.Slices.Where(g => g.Members.Any(m => m.Query == scan)))
            {
                executed[(group.Slice.Start, group.Slice.Count)] = executed.GetValueOrDefault((group.Slice.Start, group.Slice.Count)) + 1;
            }

            time.Advance(TimeSpan.FromSeconds(plan.EstimatedSeconds));
            scheduler.Complete(plan);
        }

        Assert.Equal(scan.Slices.Count, executed.Count);
        Assert.All(executed.Values, count => Assert.Equal(1, count));
        Assert.True(scan.Preemptions > 0);
    }

    [Fact]
    public void Plan_QueriesOnTheSameSlices_ShareOneReadPerSlice()
    {
        var time = new ManualTimeProvider();
        var scheduler = new VectorScheduler(new TrinityPolicy(), Cost, TimeSpan.FromSeconds(1), time);
        for (var i = 0; i < 8; i++)
        {
            scheduler.Enqueue(Query(i, SearchStage.Prefill, time, Slices(Big), TimeSpan.FromSeconds(1)));
        }

        var plan = scheduler.Plan();

        Assert.Equal(Slices(Big).Count, plan.Slices.Count);
        Assert.All(plan.Slices, group => Assert.Equal(8, group.Members.Count));
    }

    [Fact]
    public void Admit_StaticPolicy_WaitsForBatchOrTimeout()
    {
        var time = new ManualTimeProvider();
        var scheduler = new VectorScheduler(new StaticBatchPolicy(4, TimeSpan.FromMilliseconds(5)), Cost, Budget, time);
        scheduler.Enqueue(Query(1, SearchStage.Decode, time, Slices(Small), TimeSpan.FromMilliseconds(50)));

        var first = scheduler.Plan();
        Assert.True(first.IsEmpty);
        Assert.Equal(time.GetUtcNow().AddMilliseconds(5), scheduler.WakeAt);

        time.Advance(TimeSpan.FromMilliseconds(5));
        var second = scheduler.Plan();
        Assert.Single(second.Queries);
    }

    [Fact]
    public void Complete_QueryFinishingAfterItsDeadline_CountsAMiss()
    {
        var time = new ManualTimeProvider();
        var scheduler = new VectorScheduler(new FifoPolicy(), Cost, Budget, time);
        var late = Query(1, SearchStage.Prefill, time, Slices(Big), TimeSpan.FromMilliseconds(1));
        scheduler.Enqueue(late);
        while (!scheduler.IsIdle)
        {
            var plan = scheduler.Plan();
            time.Advance(TimeSpan.FromSeconds(plan.EstimatedSeconds));
            scheduler.Complete(plan);
        }

        Assert.True(late.MissedDeadline);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("trinity")]
    public void Plan_WhileDecodeStageQueriesArrive_UsesTheDecodeBudgetThenTheFullOneAgain(string policyName)
    {
        IVectorSchedulingPolicy policy = policyName == "fifo" ? new FifoPolicy() : new TrinityPolicy();
        var time = new ManualTimeProvider();
        var decodeBudget = Budget / 2;
        var scheduler = new VectorScheduler(policy, Cost, Budget, time, decodeBudget: decodeBudget);
        scheduler.Enqueue(Query(1, SearchStage.Prefill, time, Slices(Big), TimeSpan.FromSeconds(10)));
        var slice = Cost.SliceSeconds(SliceRows, 128, 1);

        var quiet = scheduler.Plan();
        time.Advance(TimeSpan.FromSeconds(quiet.EstimatedSeconds));
        scheduler.Complete(quiet);
        scheduler.Enqueue(Query(2, SearchStage.Decode, time, Slices(Small), TimeSpan.FromMilliseconds(20)));
        var busy = scheduler.Plan();
        time.Advance(TimeSpan.FromSeconds(busy.EstimatedSeconds));
        scheduler.Complete(busy);
        var stillBusy = scheduler.Plan();
        time.Advance(VectorScheduler.DecodeWindow);
        scheduler.Complete(stillBusy);
        var quietAgain = scheduler.Plan();

        Assert.InRange(quiet.EstimatedSeconds, Budget.TotalSeconds - slice, Budget.TotalSeconds);
        Assert.InRange(busy.EstimatedSeconds, 0, decodeBudget.TotalSeconds);
        Assert.InRange(stillBusy.EstimatedSeconds, 0, decodeBudget.TotalSeconds);
        Assert.InRange(quietAgain.EstimatedSeconds, Budget.TotalSeconds - slice, Budget.TotalSeconds);
    }

    private static (TimeSpan DecodeLatency, ScheduledQuery Scan) RunScanThenDecode(IVectorSchedulingPolicy policy)
    {
        var time = new ManualTimeProvider();
        var scheduler = new VectorScheduler(policy, Cost, Budget, time);
        var scan = Query(1, SearchStage.Prefill, time, Slices(Big), TimeSpan.FromSeconds(1));
        scheduler.Enqueue(scan);
        ScheduledQuery? decode = null;
        for (var iteration = 0; !scheduler.IsIdle; iteration++)
        {
            var plan = scheduler.Plan();
            time.Advance(TimeSpan.FromSeconds(plan.EstimatedSeconds) / 2);
            if (iteration == 1)
            {
                // Arrives half-way through the scan's second iteration.
                decode = Query(2, SearchStage.Decode, time, Slices(Small), TimeSpan.FromMilliseconds(10));
                scheduler.Enqueue(decode);
            }

            time.Advance(TimeSpan.FromSeconds(plan.EstimatedSeconds) / 2);
            scheduler.Complete(plan);
        }

        return (decode!.Completed!.Value - decode.Arrival, scan);
    }

    private static List<ScanSlice> Slices(SliceSource source)
    {
        var slices = new List<ScanSlice>();
        for (var start = 0; start < source.Count; start += SliceRows)
        {
            slices.Add(new ScanSlice(source, start, Math.Min(SliceRows, source.Count - start)));
        }

        return slices;
    }

    private static ScheduledQuery Query(long sequence, SearchStage stage, TimeProvider time, List<ScanSlice> slices, TimeSpan deadline) =>
        new(sequence, stage, time.GetUtcNow(), time.GetUtcNow() + deadline, slices);
}
