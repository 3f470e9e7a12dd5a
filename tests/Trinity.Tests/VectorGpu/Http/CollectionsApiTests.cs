using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Trinity.Tests.VectorGpu.Http;

public sealed class CollectionsApiTests
{
    [Fact]
    public async Task Collections_CreateUpsertSearchDelete_RoundTripOverHttp()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        var http = host.Http;

        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/v1/collections", """{"name":"docs","dimension":3,"metric":"ip","index":"ivf"}""")).Status);
        var upsert = await Post(http, "/v1/collections/docs/points", """{"points":[{"id":1,"vector":[1,0,0],"payload":{"lang":"en"}},{"id":"two","vector":[0,2,0],"payload":{"lang":"fr"}}]}""");
        Assert.Equal(2, upsert.Json.GetProperty("count").GetInt32());
        Assert.Equal("acknowledged", upsert.Json.GetProperty("status").GetString());

        var search = await Post(http, "/v1/collections/docs/search", """{"vector":[0,1,0],"k":5,"stage":"decode","deadline_ms":100}""");
        var results = search.Json.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("two", results[0].GetProperty("id").GetString());
        Assert.Equal(2f, results[0].GetProperty("score").GetSingle());
        Assert.Equal("fr", results[0].GetProperty("payload").GetProperty("lang").GetString());

        var filtered = await Post(http, "/v1/collections/docs/search", """{"vector":[0,1,0],"k":5,"filter":{"lang":"en"}}""");
        Assert.Equal("1", filtered.Json.GetProperty("results").EnumerateArray().Single().GetProperty("id").GetString());

        var batch = await Post(http, "/v1/collections/docs/search/batch", """{"searches":[{"vector":[1,0,0],"k":1},{"vector":[0,1,0],"k":1}]}""");
        Assert.Equal(["1", "two"], batch.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("results")[0].GetProperty("id").GetString()));

        var info = await http.GetFromJsonAsync<JsonElement>("/v1/collections/docs");
        Assert.Equal(2, info.GetProperty("count").GetInt32());
        Assert.Equal("ivf", info.GetProperty("index").GetString());
        Assert.True(info.GetProperty("memory_bytes").GetInt64() > 0);

        Assert.Equal(1, (await Post(http, "/v1/collections/docs/points/delete", """{"ids":["two","missing"]}""")).Json.GetProperty("count").GetInt32());
        var list = await http.GetFromJsonAsync<JsonElement>("/v1/collections");
        Assert.Equal(1, list.GetProperty("data")[0].GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync(new Uri("/v1/collections/docs", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/v1/collections/docs", UriKind.Relative))).StatusCode);
        Assert.Empty(Directory.GetDirectories(Path.Combine(host.Home, "collections")));
    }

    [Theory]
    [InlineData("/v1/collections/docs/search", """{"vector":[1,2],"k":1}""", 400, "dimension_mismatch")]
    [InlineData("/v1/collections/docs/search", """{"vector":[1,2,"NaN"],"k":1}""", 400, "invalid_type")]
    [InlineData("/v1/collections/docs/search", """{"vector":[1,2,1e39],"k":1}""", 400, "invalid_vector")]
    [InlineData("/v1/collections/docs/search", """{"vector":[1,2,3],"k":0}""", 400, null)]
    [InlineData("/v1/collections/docs/search", """{"vector":[1,2,3],"k":10001}""", 400, null)]
    [InlineData("/v1/collections/nope/search", """{"vector":[1,2,3],"k":1}""", 404, "collection_not_found")]
    [InlineData("/v1/collections/no.pe/search", """{"vector":[1,2,3],"k":1}""", 400, "invalid_collection_name")]
    [InlineData("/v1/collections/docs/points", """{"points":[{"id":"a","vector":[1,2,3]},{"id":"a","vector":[1,2,3]}]}""", 400, "duplicate_id")]
    [InlineData("/v1/collections/docs/points", """{"points":[{"id":"a"}]}""", 400, null)]
    [InlineData("/v1/collections/docs/points", """{"points":[{"id":"a","vector":[0,0,0]}]}""", 400, "invalid_vector")]
    [InlineData("/v1/collections", """{"name":"docs","dimension":3}""", 409, "collection_exists")]
    [InlineData("/v1/collections", """{"name":"../../etc","dimension":3}""", 400, "invalid_collection_name")]
    public async Task Post_InvalidRequest_ClearErrorWithStatus(string path, string body, int status, string? code)
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        await Post(host.Http, "/v1/collections", """{"name":"docs","dimension":3}""");

        var (actual, json) = await Post(host.Http, path, body);

        Assert.Equal(status, (int)actual);
        var error = json.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(status == 404 ? "not_found_error" : "invalid_request_error", error.GetProperty("type").GetString());
        if (code is not null)
        {
            Assert.Equal(code, error.GetProperty("code").GetString());
        }
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Json)> Post(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
