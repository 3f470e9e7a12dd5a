using Trinity.Bench.Load.OpenLoop;
using Trinity.Bench.Load.Workloads;
using Trinity.Tests.Bench.Load.Workloads;

namespace Trinity.Tests.Bench.Load.OpenLoop;

public sealed class ArrivalScheduleTests
{
    private static readonly Workload TwoKinds = WorkloadReader.Parse(WorkloadReaderTests.Minimal, "test") with
    {
        Kinds =
        [
            new WorkloadKind { Name = "a", Slo = "interactive", Weight = 3, Prompts = ["1", "2", "3", "4"] },
            new WorkloadKind { Name = "b", Slo = "interactive", Weight = 1, Prompts = ["x"] },
        ],
    };

    [Fact]
    public void Plan_Poisson_GapsHaveMeanOneOverRateAndUnitCoefficientOfVariation()
    {
        var plan = ArrivalSchedule.Plan(TwoKinds, rate: 50, durationSeconds: 400, burstiness: 1, seed: 3);

        var (mean, cv2) = GapStatistics(plan);
        Assert.InRange(plan.Count, 19_400, 20_600);
        Assert.InRange(mean, 0.02 * 0.97, 0.02 * 1.03);
        Assert.InRange(cv2, 0.92, 1.08);
        Assert.All(plan.Zip(plan.Skip(1)), p => Assert.True(p.Second.AtSeconds > p.First.AtSeconds));
        Assert.True(plan[^1].AtSeconds < 400);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(4.0)]
    public void Plan_Gamma_KeepsTheRateAndSetsTheBurstiness(double shape)
    {
        var plan = ArrivalSchedule.Plan(TwoKinds, rate: 20, durationSeconds: 1000, burstiness: shape, seed: 5);

        var (mean, cv2) = GapStatistics(plan);
        Assert.InRange(mean, 0.05 * 0.95, 0.05 * 1.05);
        Assert.InRange(cv2, (1 / shape) * 0.88, (1 / shape) * 1.12);
    }

    [Fact]
    public void Plan_KindsFollowTheirWeightsAndPromptsStayInRange()
    {
        var plan = ArrivalSchedule.Plan(TwoKinds, rate: 100, durationSeconds: 100, burstiness: 1, seed: 9);

        var shareOfA = plan.Count(p => p.Kind == 0) / (double)plan.Count;
        Assert.InRange(shareOfA, 0.73, 0.77);
        Assert.All(plan, p => Assert.InRange(p.Prompt, 0, p.Kind == 0 ? 3 : 0));
        Assert.Equal(Enumerable.Range(0, plan.Count), plan.Select(p => p.Index));
    }

    [Fact]
    public void Plan_SameSeed_SameSequence_AndTheRateDoesNotChangeWhichRequestsCome()
    {
        var first = ArrivalSchedule.Plan(TwoKinds, 10, 30, 1, seed: 42);
        var again = ArrivalSchedule.Plan(TwoKinds, 10, 30, 1, seed: 42);
        var faster = ArrivalSchedule.Plan(TwoKinds, 20, 30, 1, seed: 42);
        var other = ArrivalSchedule.Plan(TwoKinds, 10, 30, 1, seed: 43);

        Assert.Equal(first, again);
        Assert.Equal(first.Select(p => (p.Kind, p.Prompt)), faster.Take(first.Count).Select(p => (p.Kind, p.Prompt)));
        Assert.NotEqual(first.Select(p => p.AtSeconds), other.Take(first.Count).Select(p => p.AtSeconds));
    }

    private static (double Mean, double SquaredCv) GapStatistics(List<PlannedRequest> plan)
    {
        var gaps = plan.Zip(plan.Skip(1), (a, b) => b.AtSeconds - a.AtSeconds).ToList();
        var mean = gaps.Average();
        var variance = gaps.Sum(g => (g - mean) * (g - mean)) / (gaps.Count - 1);
        return (mean, variance / (mean * mean));
    }
}
