using Trinity.Bench.Load.OpenLoop;
using Trinity.Bench.Load.Workloads;
using Trinity.Tests.Bench.Load.Workloads;

namespace Trinity.Tests.Bench.Load.OpenLoop;

public sealed class WorkloadSummaryTests
{
    private static readonly Workload Workload = WorkloadReader.Parse(WorkloadReaderTests.Minimal, "test") with
    {
        Slo = new Dictionary<string, WorkloadSlo>
        {
            ["tight"] = new() { TtftMs = 100, TpotMs = 10 },
            ["loose"] = new() { TtftMs = 1000, TpotMs = 100 },
        },
        Kinds =
        [
            new WorkloadKind { Name = "chat", Slo = "tight", Prompts = ["q"] },
            new WorkloadKind { Name = "rag", Slo = "loose", Prompts = ["q"] },
        ],
    };

    [Fact]
    public void Summarise_KnownSamples_GivesAttainmentGoodputAndRefusals()
    {
        WorkloadSample[] samples =
        [
            new(0, "chat", 200, TtftMs: 50, E2eMs: 140, OutputTokens: 10, Error: null), // TPOT 10: meets both
            new(1, "chat", 200, TtftMs: 150, E2eMs: 240, OutputTokens: 10, Error: null), // TTFT missed
            new(2, "chat", 200, TtftMs: 50, E2eMs: 230, OutputTokens: 10, Error: null), // TPOT 20: missed
            new(3, "chat", 429, double.NaN, double.NaN, 0, "HTTP 429: busy"), // refused: misses both
            new(4, "rag", 200, TtftMs: 500, E2eMs: 1400, OutputTokens: 10, Error: null), // TPOT 100: meets both (loose)
            new(5, "rag", 200, TtftMs: 900, E2eMs: 900, OutputTokens: 1, Error: null), // one token: TPOT met by definition
            new(6, "rag", 0, double.NaN, double.NaN, 0, "connection reset"), // error
        ];

        var runs = WorkloadSummary.Summarise("t", "fifo", 3.5, Workload, samples, TimeSpan.FromSeconds(2));

        var all = runs[0];
        Assert.Equal("all", all["kind"]!.GetValue<string>());
        Assert.Equal("fifo", all["policy"]!.GetValue<string>());
        Assert.Equal(3.5, all["rate"]!.GetValue<double>());
        Assert.Equal(7, all["requests"]!.GetValue<int>());
        Assert.Equal(5, all["completed"]!.GetValue<int>());
        Assert.Equal(1, all["refused"]!.GetValue<int>());
        Assert.Equal(1, all["errors"]!.GetValue<int>());
        Assert.Equal(Math.Round(3 / 7.0, 4), all["slo_attainment"]!.GetValue<double>());
        Assert.Equal(Math.Round(4 / 7.0, 4), all["ttft_attainment"]!.GetValue<double>());
        Assert.Equal(0.8, all["tpot_attainment"]!.GetValue<double>());
        Assert.Equal(1.5, all["goodput_rps"]!.GetValue<double>());
        Assert.Equal(2.5, all["throughput_rps"]!.GetValue<double>());
        Assert.Equal(150, all["ttft_p50_ms"]!.GetValue<double>());
        Assert.Equal("connection reset", all["first_error"]!.GetValue<string>());

        var chat = runs.Single(r => r["kind"]!.GetValue<string>() == "chat");
        Assert.Equal(0.25, chat["slo_attainment"]!.GetValue<double>());
        Assert.Equal(0.5, chat["ttft_attainment"]!.GetValue<double>());
        Assert.Equal(Math.Round(2 / 3.0, 4), chat["tpot_attainment"]!.GetValue<double>());
        Assert.Equal("tight", chat["slo_class"]!.GetValue<string>());
        Assert.Equal(10, chat["slo_tpot_ms"]!.GetValue<double>());
        Assert.Equal(10, chat["tpot_p50_ms"]!.GetValue<double>());

        var rag = runs.Single(r => r["kind"]!.GetValue<string>() == "rag");
        Assert.Equal(Math.Round(2 / 3.0, 4), rag["slo_attainment"]!.GetValue<double>());
        Assert.Equal(1.0, rag["goodput_rps"]!.GetValue<double>());
    }

    [Fact]
    public void SloOutcome_FollowsTheServingDefinitions()
    {
        var target = new WorkloadSlo { TtftMs = 100, TpotMs = 10 };

        Assert.True(SloOutcome.Of(new WorkloadSample(0, "k", 200, 100, 190, 10, null), target).Met);
        Assert.False(SloOutcome.Of(new WorkloadSample(0, "k", 200, 100, 191, 10, null), target).TpotMet);
        Assert.Equal(new SloOutcome(false, false), SloOutcome.Of(new WorkloadSample(0, "k", 429, double.NaN, double.NaN, 0, "busy"), target));
        Assert.Equal(10, new WorkloadSample(0, "k", 200, 10, 100, 10, null).TpotMs);
    }
}
