using Trinity.Common.Security;

namespace Trinity.Tests.Engine.Cli;

public sealed class ClusterTokenStartupCheckTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8101", true)]
    [InlineData("http://localhost:8101", true)]
    [InlineData("http://[::1]:8101", true)]
    [InlineData("http://0.0.0.0:8101", false)]
    [InlineData("http://[::]:8101", false)]
    [InlineData("http://+:8101", false)]
    [InlineData("http://*:8101", false)]
    [InlineData("http://10.1.2.3:8101", false)]
    public void IsLoopback_ListeningAddress_TellsWhetherOnlyThisMachineReachesIt(string address, bool loopback) =>
        Assert.Equal(loopback, ClusterTokenStartupCheck.IsLoopback(address));
}
