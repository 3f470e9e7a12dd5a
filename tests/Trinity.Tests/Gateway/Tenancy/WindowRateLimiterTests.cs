using Trinity.Common.Time;
using Trinity.Gateway.Tenancy;

namespace Trinity.Tests.Gateway.Tenancy;

public sealed class WindowRateLimiterTests
{
    [Fact]
    public void AttemptAcquire_WindowSpent_RefusedWithTimeToResetThenGrantedInTheNextWindow()
    {
        var time = new ManualTimeProvider();
        using var limiter = new WindowRateLimiter(10, TimeSpan.FromMinutes(1), time);

        using var first = limiter.AttemptAcquire(6);
        time.Advance(TimeSpan.FromSeconds(20));
        using var refused = limiter.AttemptAcquire(5);
        refused.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter);
        time.Advance(TimeSpan.FromSeconds(40));
        using var next = limiter.AttemptAcquire(10);

        Assert.True(first.IsAcquired);
        Assert.False(refused.IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
        Assert.True(next.IsAcquired);
        Assert.Equal(0, limiter.Remaining);
    }

    [Fact]
    public void Release_UnusedPermitsOfTheSameWindow_GivenBackOnlyThere()
    {
        var time = new ManualTimeProvider();
        using var limiter = new WindowRateLimiter(100, TimeSpan.FromMinutes(1), time);
        var window = limiter.WindowStart;
        using var lease = limiter.AttemptAcquire(80);

        limiter.Release(50, window);
        var afterRelease = limiter.Remaining;
        time.Advance(TimeSpan.FromMinutes(1));
        using var other = limiter.AttemptAcquire(30);
        limiter.Release(30, window);

        Assert.Equal(70, afterRelease);
        Assert.Equal(70, limiter.Remaining);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(20, "20ms")]
    [InlineData(1000, "1s")]
    [InlineData(45_000, "45s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(360_000, "6m0s")]
    [InlineData(61_500, "1m2s")]
    public void Duration_Milliseconds_OpenAiFormat(int ms, string expected) =>
        Assert.Equal(expected, RateLimitFormat.Duration(TimeSpan.FromMilliseconds(ms)));
}
