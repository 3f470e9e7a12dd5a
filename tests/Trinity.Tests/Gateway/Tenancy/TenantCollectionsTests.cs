using Trinity.Gateway.Tenancy;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.Gateway.Tenancy;

public sealed class TenantCollectionsTests
{
    private static readonly Tenant Acme = Tenant.Named("acme", null);
    private static readonly Tenant Globex = Tenant.Named("globex", null);

    private static TenantCollections Collections() =>
        new(new TenantDirectory([("k1", Acme), ("k2", Globex)], new Dictionary<string, Tenant> { ["handbook"] = Acme }));

    [Fact]
    public void Resolve_OwnName_PrefixedWithTheTenant()
    {
        var collections = Collections();

        Assert.Equal("acme__docs", collections.Resolve(Acme, "docs", CollectionAccess.Write));
        Assert.Equal("globex__docs", collections.Resolve(Globex, "docs", CollectionAccess.Read));
        Assert.Equal("globex__acme__docs", collections.Resolve(Globex, "acme__docs", CollectionAccess.Read));
        Assert.Equal("docs", collections.Resolve(Tenant.Default, "docs", CollectionAccess.Write));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("a123456789a123456789a123456789a123456789a123456789a123456789")]
    public void Resolve_WriteBadName_400(string name) =>
        Assert.Equal(400, Assert.Throws<VectorPoolException>(() => Collections().Resolve(Acme, name, CollectionAccess.Write)).StatusCode);

    [Fact]
    public void Resolve_SharedCollection_OwnersForReadingRefusedForWriting()
    {
        var collections = Collections();

        Assert.Equal("acme__handbook", collections.Resolve(Globex, "handbook", CollectionAccess.Read));
        Assert.Equal("acme__handbook", collections.Resolve(Acme, "handbook", CollectionAccess.Write));
        Assert.Equal(403, Assert.Throws<VectorPoolException>(() => collections.Resolve(Globex, "handbook", CollectionAccess.Write)).StatusCode);
    }

    [Fact]
    public void ClientName_PoolNames_OwnAndSharedVisibleOthersHidden()
    {
        var collections = Collections();

        Assert.Equal("docs", collections.ClientName(Acme, "acme__docs"));
        Assert.Null(collections.ClientName(Globex, "acme__docs"));
        Assert.Equal("handbook", collections.ClientName(Globex, "acme__handbook"));
        Assert.Null(collections.ClientName(Acme, "trinity-answer-cache"));
        Assert.Equal("trinity-answer-cache", collections.ClientName(Tenant.Default, "trinity-answer-cache"));
    }

    [Fact]
    public void Find_Keys_TenantOfTheKeyOrNull()
    {
        var directory = new TenantDirectory([("k1", Acme), ("k2", Globex)], new Dictionary<string, Tenant>());

        Assert.Same(Acme, directory.Find("k1"));
        Assert.Same(Globex, directory.Find("k2"));
        Assert.Null(directory.Find("k3"));
        Assert.Null(directory.Find(string.Empty));
        Assert.StartsWith("key-", TenantDirectory.KeyTenantName("sk-secret"), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", TenantDirectory.KeyTenantName("sk-secret"), StringComparison.Ordinal);
    }
}
