using Trinity.Common.Time;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Hosting;
using Trinity.VectorGpu.Scheduling;

namespace Trinity.Bench.Simulation;

/// <summary>
/// The real scheduler and policies on virtual time with a device that takes exactly its cost model's time per
/// iteration: projects a workload onto a device this machine does not have (a GPU's bandwidth and compute).
/// </summary>
internal static class SchedSimulation
{
    /// <summary>Per-query (decode?, latency ms, missed?) for one policy.</summary>
    public static List<(bool Decode, double Ms, bool Missed)> Run(
        string policy, MixedWorkload workload, int corpusRows, int memoryRows, int dimension, TimeSpan prefillDeadline, TimeSpan decodeDeadline,
        double bytesPerSecond, double flopsPerSecond, double budgetMs, double decodeBudgetMs, int sliceRows)
    {
        var time = new ManualTimeProvider();
        var options = new VectorPoolOptions { Policy = policy, IterationBudgetMs = budgetMs, StaticBatchSize = 8, StaticBatchTimeoutMs = 2 };
        var cost = new LinearScanCostModel(bytesPerSecond, flopsPerSecond);
        var scheduler = new VectorScheduler(SchedulingPolicyFactory.Create(options), cost, TimeSpan.FromMilliseconds(budgetMs), time, decodeBudget: TimeSpan.FromMilliseconds(decodeBudgetMs));
        var stride = (dimension + 15) / 16 * 16;
        var corpus = new SliceSource(dimension, stride, VectorMetric.L2) { Count = corpusRows };
        var memory = new SliceSource(dimension, stride, VectorMetric.L2) { Count = memoryRows };
        var results = new List<(bool, double, bool)>();
        var arrivals = workload.Arrivals();
        var next = 0;
        long sequence = 0;
        while (next < arrivals.Count || !scheduler.IsIdle)
        {
            // Everything that arrived by now joins at this boundary; an idle device jumps to the next arrival.
            if (scheduler.IsIdle && next < arrivals.Count)
            {
                time.AdvanceTo(time.Start.AddSeconds(arrivals[next].AtSeconds));
            }

            while (next < arrivals.Count && time.Start.AddSeconds(arrivals[next].AtSeconds) <= time.GetUtcNow())
            {
                var (at, decode, _) = arrivals[next++];
                var arrival = time.Start.AddSeconds(at);
                var slices = Slices(decode ? memory : corpus, sliceRows);
                scheduler.Enqueue(new ScheduledQuery(++sequence, decode ? SearchStage.Decode : SearchStage.Prefill, arrival, arrival + (decode ? decodeDeadline : prefillDeadline), slices));
            }

            var plan = scheduler.Plan();
            var end = time.GetUtcNow().AddSeconds(plan.IsEmpty ? 0 : plan.EstimatedSeconds);
            if (plan.IsEmpty && scheduler.WakeAt is { } wake)
            {
                end = next < arrivals.Count ? Min(wake, time.Start.AddSeconds(arrivals[next].AtSeconds)) : wake;
            }

            time.AdvanceTo(end);
            foreach (var query in scheduler.Complete(plan).Completed)
            {
                var ms = (query.Completed!.Value - query.Arrival).TotalMilliseconds;
                results.Add((query.Stage == SearchStage.Decode, ms, query.MissedDeadline));
            }
        }

        return results;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static List<ScanSlice> Slices(SliceSource source, int sliceRows)
    {
        var slices = new List<ScanSlice>();
        for (var start = 0; start < source.Count; start += sliceRows)
        {
            slices.Add(new ScanSlice(source, start, Math.Min(sliceRows, source.Count - start)));
        }

        return slices;
    }
}
