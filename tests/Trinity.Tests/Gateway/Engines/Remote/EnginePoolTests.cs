using System.Net;
using Microsoft.Extensions.Options;
using Trinity.Gateway.Engines.Remote;

namespace Trinity.Tests.Gateway.Engines.Remote;

public sealed class EnginePoolTests
{
    private static EnginePool Pool(string[] prefill, string[] decode, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) =>
        new(Options.Create(new RemoteEnginesOptions { Prefill = prefill, Decode = decode }),
            resolve ?? ((_, _) => Task.FromResult(Array.Empty<IPAddress>())));

    [Fact]
    public void Candidates_PrefillByOutstandingTokens_DecodeByActiveSequences_HealthyOnly()
    {
        var pool = Pool(["http://10.0.0.1:1", "http://10.0.0.2:1", "http://10.0.0.3:1"], ["http://10.0.1.1:1", "http://10.0.1.2:1"]);
        pool.Prefill[0].AddTokens(500);
        pool.Prefill[1].AddTokens(100);
        pool.Prefill[2].MarkUnhealthy("down", DateTimeOffset.UnixEpoch);
        Assert.Equal([pool.Prefill[1], pool.Prefill[0]], pool.Candidates(EngineRole.Prefill, []));

        pool.Decode[0].AddSequences(3);
        Assert.Equal(pool.Decode[1], pool.Candidates(EngineRole.Decode, [])[0]);
        Assert.Equal([pool.Decode[0]], pool.Candidates(EngineRole.Decode, [pool.Decode[1]]));
    }

    [Fact]
    public async Task Refresh_DnsNameWithSeveralAddresses_OneEnginePerAddress_StateKept()
    {
        var addresses = new[] { IPAddress.Parse("10.1.0.5"), IPAddress.Parse("10.1.0.6") };
        var pool = Pool(["http://trinity-prefill:8001"], ["http://127.0.0.1:9000"], (host, _) =>
            Task.FromResult(host == "trinity-prefill" ? addresses : []));
        Assert.Single(pool.Prefill);

        await pool.RefreshAsync(CancellationToken.None);
        Assert.Equal(["http://10.1.0.5:8001/", "http://10.1.0.6:8001/"], pool.Prefill.Select(n => n.Url.ToString()));
        Assert.Equal(["http://127.0.0.1:9000/"], pool.Decode.Select(n => n.Url.ToString()));

        var kept = pool.Prefill[1];
        kept.MarkUnhealthy("probe failed", DateTimeOffset.UnixEpoch);
        addresses = [IPAddress.Parse("10.1.0.6"), IPAddress.Parse("10.1.0.7")];
        await pool.RefreshAsync(CancellationToken.None);
        Assert.Equal(["http://10.1.0.6:8001/", "http://10.1.0.7:8001/"], pool.Prefill.Select(n => n.Url.ToString()));
        Assert.Same(kept, pool.Prefill[0]);
        Assert.False(pool.Prefill[0].Healthy);
    }

    [Fact]
    public void Construct_InvalidUrl_FailsWithClearMessage()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Pool(["not a url"], ["http://127.0.0.1:1"]));
        Assert.Contains("not a url", error.Message, StringComparison.Ordinal);
    }
}
