using Trinity.Engine.Decode;

namespace Trinity.Tests.Engine.Core.Decode;

public sealed class StopStringMatcherTests
{
    [Fact]
    public void Push_StopSpanningPieces_StopsAndNeverEmitsIt()
    {
        var matcher = new StopStringMatcher(["END"]);
        var emitted = matcher.Push("hello E") + matcher.Push("N") + matcher.Push("D and more");
        Assert.True(matcher.Stopped);
        Assert.Equal("hello ", emitted);
        Assert.Equal(string.Empty, matcher.Flush());
    }

    [Fact]
    public void Push_PossiblePrefix_IsHeldThenReleased()
    {
        var matcher = new StopStringMatcher(["<|stop|>"]);
        Assert.Equal("text ", matcher.Push("text <|st"));
        Assert.Equal("<|stx", matcher.Push("x"));
        Assert.False(matcher.Stopped);
        Assert.Equal("tail <", matcher.Push("tail <") + matcher.Flush());
    }

    [Fact]
    public void Push_SeveralStops_EarliestWins()
    {
        var matcher = new StopStringMatcher(["zz", "b"]);
        Assert.Equal("a", matcher.Push("abzz"));
    }

    [Fact]
    public void Push_NoStops_PassesThrough()
    {
        var matcher = new StopStringMatcher([]);
        Assert.Equal("anything", matcher.Push("anything"));
    }
}
