using System.Net;
using static Trinity.Tests.Gateway.Cache.CacheGateway;
using static Trinity.Tests.Gateway.Security.TenantRequests;

namespace Trinity.Tests.Gateway.Security;

/// <summary>The answer cache partitioned by tenant: another tenant's identical or reworded question misses both tiers
/// (and runs on the engine); the same tenant hits; tenants of one configured cache group share answers.</summary>
public sealed class TenantCacheTests
{
    private const string KeyA = "sk-tenant-a";
    private const string KeyB = "sk-tenant-b";

    [Fact]
    public async Task ChatCompletion_OtherTenantSameOrRewordedQuestion_MissesBothTiersSameTenantHits()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trinity:Auth:ApiKeys:0"] = KeyA,
            ["Trinity:Auth:ApiKeys:1"] = KeyB,
            ["Trinity:Auth:ApiKeys:2"] = "sk-tenant-c",
        });

        var (firstA, bodyA) = await PostAsync(host, KeyA, ChatPath, Chat("How do I reset my password?"));
        var (exactA, exactBodyA) = await PostAsync(host, KeyA, ChatPath, Chat("How do I reset my password?"));
        var (semanticA, semanticBodyA) = await PostAsync(host, KeyA, ChatPath, Chat("how can I reset my password"));
        var calls = host.Engine.Requests.Count;
        var (exactB, exactBodyB) = await PostAsync(host, KeyB, ChatPath, Chat("How do I reset my password?"));
        // A third tenant, which holds nothing of its own yet, asks the reworded question A's semantic hit answered.
        var (semanticC, _) = await PostAsync(host, "sk-tenant-c", ChatPath, Chat("how can I reset my password"));

        Assert.Equal(HttpStatusCode.OK, firstA.StatusCode);
        Assert.Equal("miss", Status(firstA));
        Assert.Equal("hit", Status(exactA));
        Assert.Equal("exact", Report(exactBodyA).GetProperty("tier").GetString());
        Assert.Equal("hit", Status(semanticA));
        Assert.Equal("semantic", Report(semanticBodyA).GetProperty("tier").GetString());
        Assert.Equal(Text(bodyA), Text(semanticBodyA));
        Assert.Equal(HttpStatusCode.OK, exactB.StatusCode);
        Assert.Equal("miss", Status(exactB));
        Assert.Equal("miss", Report(exactBodyB).GetProperty("status").GetString());
        Assert.Equal("miss", Status(semanticC));
        Assert.Equal(calls + 2, host.Engine.Requests.Count);
    }

    [Fact]
    public async Task ChatCompletion_TenantsOfOneCacheGroup_ShareAnswersOthersDoNot()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trinity:Auth:Tenants:acme:ApiKeys:0"] = KeyA,
            ["Trinity:Auth:Tenants:acme:CacheGroup"] = "shared",
            ["Trinity:Auth:Tenants:globex:ApiKeys:0"] = KeyB,
            ["Trinity:Auth:Tenants:globex:CacheGroup"] = "shared",
            ["Trinity:Auth:Tenants:initech:ApiKeys:0"] = "sk-tenant-c",
        });

        await PostAsync(host, KeyA, ChatPath, Chat("What are your opening hours?"));
        var (sharedB, _) = await PostAsync(host, KeyB, ChatPath, Chat("What are your opening hours?"));
        var (otherC, _) = await PostAsync(host, "sk-tenant-c", ChatPath, Chat("What are your opening hours?"));

        Assert.Equal("hit", Status(sharedB));
        Assert.Equal("miss", Status(otherC));
    }

    [Fact]
    public async Task ClearCache_Tenant_DropsOnlyItsOwnAnswers()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trinity:Auth:ApiKeys:0"] = KeyA,
            ["Trinity:Auth:ApiKeys:1"] = KeyB,
        });
        await PostAsync(host, KeyA, ChatPath, Chat("Where is the station?"));
        await PostAsync(host, KeyB, ChatPath, Chat("Where is the station?"));

        var (cleared, clearedBody) = await SendAsync(host, KeyB, HttpMethod.Delete, "/v1/cache");
        var (againA, _) = await PostAsync(host, KeyA, ChatPath, Chat("Where is the station?"));
        var (againB, _) = await PostAsync(host, KeyB, ChatPath, Chat("Where is the station?"));

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(1, clearedBody.GetProperty("invalidated").GetInt64());
        Assert.Equal("hit", Status(againA));
        Assert.Equal("miss", Status(againB));
    }
}
