namespace Trinity.Bench.Soak;

/// <summary>Whether a soak passed: no request hung, the gateway stayed up, and its resident memory grew by at most
/// the allowed fraction from the first minute after warm-up (the baseline) to the last minute of the run (medians,
/// so that one sample taken mid-collection does not decide).</summary>
internal sealed record SoakVerdict(double BaselineRss, double EndRss, double BaselineGcHeap, double EndGcHeap, long Hangs, bool GatewayAlive, double MaxGrowth)
{
    public double RssGrowth => BaselineRss > 0 ? (EndRss / BaselineRss) - 1 : 0;

    public double GcHeapGrowth => BaselineGcHeap > 0 ? (EndGcHeap / BaselineGcHeap) - 1 : 0;

    public bool Passed => Hangs == 0 && GatewayAlive && RssGrowth <= MaxGrowth;

    public static SoakVerdict Of(IReadOnlyList<ProcessSample> samples, double warmUpS, long hangs, bool gatewayAlive, double maxGrowth)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var after = samples.Where(s => s.ElapsedS >= warmUpS).ToList();
        if (after.Count == 0)
        {
            return new SoakVerdict(0, 0, 0, 0, hangs, gatewayAlive, maxGrowth);
        }

        var first = after.Where(s => s.ElapsedS <= after[0].ElapsedS + 60).ToList();
        var last = after.Where(s => s.ElapsedS >= after[^1].ElapsedS - 60).ToList();
        return new SoakVerdict(
            Median(first.Select(s => (double)s.RssBytes)),
            Median(last.Select(s => (double)s.RssBytes)),
            Median(first.Where(s => s.GcHeapBytes >= 0).Select(s => (double)s.GcHeapBytes)),
            Median(last.Where(s => s.GcHeapBytes >= 0).Select(s => (double)s.GcHeapBytes)),
            hangs,
            gatewayAlive,
            maxGrowth);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
