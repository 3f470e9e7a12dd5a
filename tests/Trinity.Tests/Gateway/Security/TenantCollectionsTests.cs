using System.Net;
using System.Text.Json;
using static Trinity.Tests.Gateway.Cache.CacheGateway;
using static Trinity.Tests.Gateway.Security.TenantRequests;

namespace Trinity.Tests.Gateway.Security;

/// <summary>Collections belong to the tenant that created them: for another tenant they do not exist (404 on get,
/// search, points, deletion and retrieval; absent from the list), ingestion under the same name makes a separate
/// collection, and a collection shared by configuration is readable by all but writable by its owner only.</summary>
public sealed class TenantCollectionsTests
{
    private const string KeyA = "sk-owner";
    private const string KeyB = "sk-other";

    private static string Documents(string text) => $$"""{"documents":[{"id":"d1","text":{{JsonSerializer.Serialize(text)}}}]}""";

    [Fact]
    public async Task Collections_OtherTenant_NotFoundEverywhere()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trinity:Auth:ApiKeys:0"] = KeyA,
            ["Trinity:Auth:ApiKeys:1"] = KeyB,
        });
        var (ingested, _) = await PostAsync(host, KeyA, "/v1/collections/docs/documents", Documents("The office opens at nine and closes at five."));

        var (get, getBody) = await SendAsync(host, KeyB, HttpMethod.Get, "/v1/collections/docs");
        var (search, _) = await PostAsync(host, KeyB, "/v1/collections/docs/search", """{"text":"when does the office open","k":2}""");
        var (points, _) = await PostAsync(host, KeyB, "/v1/collections/docs/points", """{"points":[{"id":"x","text":"planted"}]}""");
        var (deletePoints, _) = await PostAsync(host, KeyB, "/v1/collections/docs/points/delete", """{"ids":["d1#0"]}""");
        var (delete, _) = await SendAsync(host, KeyB, HttpMethod.Delete, "/v1/collections/docs");
        var (listB, listBodyB) = await SendAsync(host, KeyB, HttpMethod.Get, "/v1/collections");
        var (rag, ragBody) = await PostAsync(host, KeyB, ChatPath, Chat("When does the office open?", extra: ""","retrieval":{"collection":"docs"}"""));
        var (listA, listBodyA) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/collections");
        var (searchA, searchBodyA) = await PostAsync(host, KeyA, "/v1/collections/docs/search", """{"text":"when does the office open","k":2}""");

        Assert.Equal(HttpStatusCode.OK, ingested.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.DoesNotContain("__", getBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, search.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, points.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletePoints.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listB.StatusCode);
        Assert.Equal(0, listBodyB.GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, rag.StatusCode);
        Assert.Equal("collection_not_found", ragBody.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, listA.StatusCode);
        Assert.Equal(["docs"], listBodyA.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, searchA.StatusCode);
        Assert.Equal("d1#0", searchBodyA.GetProperty("results")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Ingest_OtherTenantSameName_MakesItsOwnCollection()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trinity:Auth:ApiKeys:0"] = KeyA,
            ["Trinity:Auth:ApiKeys:1"] = KeyB,
        });
        await PostAsync(host, KeyA, "/v1/collections/docs/documents", Documents("Owner's text about tea."));

        var (ingestB, ingestBodyB) = await PostAsync(host, KeyB, "/v1/collections/docs/documents", """{"documents":[{"id":"b1","text":"Other text about coffee."},{"id":"b2","text":"More about coffee."}]}""");
        var (getA, getBodyA) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/collections/docs");
        var (getB, getBodyB) = await SendAsync(host, KeyB, HttpMethod.Get, "/v1/collections/docs");

        Assert.Equal(HttpStatusCode.OK, ingestB.StatusCode);
        Assert.Equal("docs", ingestBodyB.GetProperty("collection").GetString());
        Assert.Equal(HttpStatusCode.OK, getA.StatusCode);
        Assert.Equal(1, getBodyA.GetProperty("count").GetInt64());
        Assert.Equal("docs", getBodyA.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, getB.StatusCode);
        Assert.Equal(2, getBodyB.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task SharedCollection_OtherTenant_ReadsButCannotWrite()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trinity:Auth:Tenants:acme:ApiKeys:0"] = KeyA,
            ["Trinity:Auth:Tenants:acme:SharedCollections:0"] = "handbook",
            ["Trinity:Auth:Tenants:globex:ApiKeys:0"] = KeyB,
        });
        await PostAsync(host, KeyA, "/v1/collections/handbook/documents", Documents("Holidays are requested in the portal."));

        var (search, searchBody) = await PostAsync(host, KeyB, "/v1/collections/handbook/search", """{"text":"how do I request holidays","k":1}""");
        var (rag, ragBody) = await PostAsync(host, KeyB, ChatPath, Chat("How do I request holidays?", extra: ""","retrieval":{"collection":"handbook"}"""));
        var (delete, _) = await SendAsync(host, KeyB, HttpMethod.Delete, "/v1/collections/handbook");
        var (ingest, _) = await PostAsync(host, KeyB, "/v1/collections/handbook/documents", Documents("Planted."));
        var (list, listBody) = await SendAsync(host, KeyB, HttpMethod.Get, "/v1/collections");

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal("d1#0", searchBody.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, rag.StatusCode);
        Assert.Equal("handbook", ragBody.GetProperty("trinity").GetProperty("retrieval").GetProperty("collection").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
        Assert.Equal(["handbook"], listBody.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Errors_OnOwnAndOthersCollections_NeverShowThePoolsTenantPrefix()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trinity:Auth:ApiKeys:0"] = KeyA,
            ["Trinity:Auth:ApiKeys:1"] = KeyB,
        });
        await PostAsync(host, KeyA, "/v1/collections/docs/documents", Documents("The office opens at nine and closes at five."));
        var (_, info) = await SendAsync(host, KeyA, HttpMethod.Get, "/v1/collections/docs");
        var dimension = info.GetProperty("dimension").GetInt32();
        var wrong = JsonSerializer.Serialize(Enumerable.Repeat(0.5f, dimension + 3));

        var probes = new List<(string Key, HttpMethod Method, string Path, string? Body)>
        {
            (KeyA, HttpMethod.Post, "/v1/collections", $$"""{"name":"docs","dimension":{{dimension}}}"""),
            (KeyA, HttpMethod.Post, "/v1/collections", """{"name":"docs","dimension":0}"""),
            (KeyA, HttpMethod.Post, "/v1/collections/docs/search", $$"""{"vector":{{wrong}},"k":2}"""),
            (KeyA, HttpMethod.Post, "/v1/collections/docs/search", """{"text":"x","k":0}"""),
            (KeyA, HttpMethod.Post, "/v1/collections/docs/search/batch", $$"""{"searches":[{"vector":{{wrong}},"k":2}]}"""),
            (KeyA, HttpMethod.Post, "/v1/collections/docs/points", $$"""{"points":[{"id":"p","vector":{{wrong}}}]}"""),
            (KeyA, HttpMethod.Post, "/v1/collections/docs/points", """{"points":[{"id":"p"}]}"""),
            (KeyA, HttpMethod.Post, "/v1/collections/nope/search", """{"text":"x","k":2}"""),
            (KeyA, HttpMethod.Get, "/v1/collections/nope", null),
            (KeyA, HttpMethod.Delete, "/v1/collections/nope", null),
            (KeyA, HttpMethod.Post, ChatPath, Chat("When does the office open?", extra: ""","retrieval":{"collection":"nope"}""")),
            (KeyA, HttpMethod.Post, ChatPath, Chat("When does the office open?", extra: ""","retrieval":{"collection":"docs","k":0}""")),
            (KeyB, HttpMethod.Post, "/v1/collections/docs/search", $$"""{"vector":{{wrong}},"k":2}"""),
            (KeyB, HttpMethod.Post, "/v1/collections/docs/points", $$"""{"points":[{"id":"p","vector":{{wrong}}}]}"""),
            (KeyB, HttpMethod.Post, ChatPath, Chat("When does the office open?", extra: ""","retrieval":{"collection":"docs"}""")),
        };

        var failures = new List<string>();
        foreach (var (key, method, path, body) in probes)
        {
            var (response, json) = await SendAsync(host, key, method, path, body);
            var text = json.ValueKind == JsonValueKind.Undefined ? string.Empty : json.GetRawText();
            if ((int)response.StatusCode is < 400 or >= 500 || text.Contains("__", StringComparison.Ordinal) || text.Contains("key-", StringComparison.Ordinal))
            {
                failures.Add($"{(key == KeyA ? "owner" : "other")} {method} {path} -> {(int)response.StatusCode} {text}");
            }
        }

        Assert.Empty(failures);
    }
}
