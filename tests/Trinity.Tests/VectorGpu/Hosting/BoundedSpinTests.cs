using Trinity.VectorGpu.Hosting;

namespace Trinity.Tests.VectorGpu.Hosting;

public sealed class BoundedSpinTests
{
    [Fact]
    public void Until_ConditionThatComesTrue_ReturnsTrueLongBeforeTheBound()
    {
        var polls = new int[1];

        var done = BoundedSpin.Until(polls, static p => ++p[0] == 50, microseconds: 60_000_000);

        Assert.True(done);
        Assert.Equal(50, polls[0]);
    }

    [Fact]
    public void Until_ConditionNeverTrue_ReturnsFalseOnceTheBoundPasses()
    {
        var polls = new int[1];

        var done = BoundedSpin.Until(polls, static p => ++p[0] < 0, microseconds: 200);

        Assert.False(done);
        Assert.True(polls[0] >= 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Until_NoTimeToSpin_AnswersWithOnePoll(bool holds)
    {
        var polls = new int[1];

        Assert.Equal(holds, BoundedSpin.Until(polls, p => ++p[0] > 0 == holds, microseconds: 0));
        Assert.Equal(1, polls[0]);
    }
}
