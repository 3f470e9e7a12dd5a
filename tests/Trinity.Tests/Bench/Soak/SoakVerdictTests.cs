using Trinity.Bench.Soak;

namespace Trinity.Tests.Bench.Soak;

public sealed class SoakVerdictTests
{
    private static ProcessSample Sample(double s, long rssMib) => new(s, rssMib << 20, 10 << 20, 20, 100, 0);

    [Fact]
    public void Of_FlatAfterWarmUp_PassesWhateverTheWarmUpDid()
    {
        ProcessSample[] samples = [Sample(0, 100), Sample(100, 300), Sample(300, 400), Sample(330, 402), Sample(1740, 405), Sample(1790, 410)];

        var verdict = SoakVerdict.Of(samples, warmUpS: 300, hangs: 0, gatewayAlive: true, maxGrowth: 0.10);

        Assert.Equal(401 << 20, verdict.BaselineRss);
        Assert.Equal(407.5 * (1 << 20), verdict.EndRss);
        Assert.True(verdict.Passed);
    }

    [Fact]
    public void Of_GrowthOverTheLimitOrAHang_Fails()
    {
        ProcessSample[] growing = [Sample(300, 400), Sample(1790, 460)];

        Assert.False(SoakVerdict.Of(growing, 300, 0, true, 0.10).Passed);
        Assert.Equal(0.15, SoakVerdict.Of(growing, 300, 0, true, 0.10).RssGrowth, 6);
        Assert.False(SoakVerdict.Of([Sample(300, 400), Sample(1790, 400)], 300, hangs: 1, gatewayAlive: true, 0.10).Passed);
        Assert.False(SoakVerdict.Of([Sample(300, 400), Sample(1790, 400)], 300, hangs: 0, gatewayAlive: false, 0.10).Passed);
    }

    [Theory]
    [InlineData("30m", 1800)]
    [InlineData("90s", 90)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5h", 5400)]
    public void Span_Durations_Seconds(string text, double seconds) => Assert.Equal(seconds, SoakOptions.Span(text)!.Value.TotalSeconds, 6);

    [Fact]
    public void Span_NotADuration_ArgumentException() => Assert.Throws<ArgumentException>(() => SoakOptions.Span("soon"));
}
