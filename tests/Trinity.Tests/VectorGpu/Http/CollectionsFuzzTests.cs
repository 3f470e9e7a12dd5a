using System.Net;
using System.Text;
using System.Text.Json;

namespace Trinity.Tests.VectorGpu.Http;

/// <summary>Hundreds of malformed requests against a real pool: every one gets a 4xx in the error shape, none a 5xx.</summary>
public sealed class CollectionsFuzzTests
{
    private static readonly string[] BodyRoutes =
    [
        "/v1/collections",
        "/v1/collections/docs/points",
        "/v1/collections/docs/points/delete",
        "/v1/collections/docs/search",
        "/v1/collections/docs/search/batch",
    ];

    [Fact]
    public async Task Post_MalformedBodiesAndNames_All4xxWithErrorShapeAndServerStaysHealthy()
    {
        await using var host = await VectorPoolTestHost.StartAsync();
        await CollectionsApiTests.Post(host.Http, "/v1/collections", """{"name":"docs","dimension":3}""");
        await CollectionsApiTests.Post(host.Http, "/v1/collections/docs/points", """{"points":[{"id":"a","vector":[1,2,3]}]}""");

        var cases = Cases().ToList();
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        var failures = new List<string>();
        foreach (var (method, path, body) in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new("application/json");
            }

            using var response = await host.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            // HttpClient resolves dot segments ("/v1/collections/.." is sent as "/v1/"); such requests never reach
            // the collections API, so they only have to be refused, not in its error shape.
            // Kestrel itself refuses a NUL in the path (400) before any endpoint runs.
            var reachedApi = response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/v1/collections", StringComparison.Ordinal)
                && !path.Contains("%00", StringComparison.Ordinal);
            if (status is < 400 or >= 500 || (reachedApi && !HasErrorShape(text)))
            {
                failures.Add($"{method} {Shorten(path)} {Shorten(Encoding.UTF8.GetString(body ?? []))} -> {status} {Shorten(text)}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        var search = await CollectionsApiTests.Post(host.Http, "/v1/collections/docs/search", """{"vector":[1,2,3],"k":1}""");
        Assert.Equal("a", search.Json.GetProperty("results")[0].GetProperty("id").GetString());
    }

    private static IEnumerable<(string Method, string Path, byte[]? Body)> Cases()
    {
        var bodies = new List<string>
        {
            "", "{", "}", "[", "[]", "null", "\"x\"", "1", "true", "{\"a\":}", "{,}", "{\"name\":\"x\",}", "\u0000", "{'name':'x'}",
            "{\"name\":1,\"dimension\":3}", "{\"name\":\"ok\",\"dimension\":\"3\"}", "{\"name\":\"ok\",\"dimension\":1.5}",
            "{\"name\":\"ok\",\"dimension\":3,\"metric\":3}", "{\"name\":\"ok\",\"dimension\":3,\"metric\":\"hamming\"}",
            "{\"name\":\"ok\",\"dimension\":99999999999}", "{\"name\":\"ok\",\"dimension\":-1}", "{\"name\":\"ok\",\"dimension\":0}",
            "{\"name\":\"ok\",\"dimension\":3,\"index\":\"hnsw\"}", "{\"name\":\"ok\",\"dimension\":3,\"nlist\":5}",
            "{\"name\":\"ok\",\"dimension\":3,\"index\":\"graph\",\"m\":1}", "{\"name\":\"ok\",\"dimension\":3,\"m\":16}",
            "{\"name\":\"ok\",\"dimension\":3,\"index\":\"graph\",\"ef_construction\":4}", "{\"name\":\"ok\",\"dimension\":3,\"storage\":\"sq8\",\"rerank\":\"fast\"}",
            "{\"name\":\"ok\",\"dimension\":3,\"index\":\"graph\",\"storage\":\"int4\"}", "{\"name\":\"ok\",\"dimension\":3,\"index\":\"graph\",\"rerank\":\"disk\"}",
            "{\"vector\":[1,2,3],\"ef\":0}", "{\"vector\":[1,2,3],\"ef\":5000}",
            "{\"points\":{}}", "{\"points\":[1]}", "{\"points\":[]}", "{\"points\":null}", "{\"points\":[{\"id\":null,\"vector\":[1,2,3]}]}",
            "{\"points\":[{\"id\":1.5,\"vector\":[1,2,3]}]}", "{\"points\":[{\"id\":\"\",\"vector\":[1,2,3]}]}", "{\"points\":[{\"id\":\"a\",\"vector\":\"abc\"}]}",
            "{\"points\":[{\"id\":\"a\",\"vector\":[true,1,2]}]}", "{\"points\":[{\"id\":\"a\",\"vector\":[1,2,3],\"text\":\"both\"}]}",
            "{\"points\":[{\"id\":\"a\",\"vector\":[1e400,2,3]}]}", "{\"points\":[{\"id\":\"a\",\"vector\":[NaN,2,3]}]}", "{\"points\":[{\"id\":\"a\",\"vector\":[\"NaN\",2,3]}]}",
            "{\"points\":[{\"id\":\"a\",\"vector\":[1,2,3,4]}]}", "{\"points\":[{\"id\":\"a\",\"text\":\"dimension 3 cannot take text\"}]}",
            "{\"ids\":\"a\"}", "{\"ids\":[]}", "{\"ids\":[{}]}", "{\"ids\":[true]}", "{\"ids\":[1e99]}",
            "{\"vector\":[1,2,3],\"k\":\"10\"}", "{\"vector\":[1,2,3],\"k\":1e10}", "{\"vector\":[1,2,3],\"k\":-1}", "{\"vector\":[1,2,3],\"k\":0}",
            "{\"vector\":[1,2,3],\"k\":10001}", "{\"vector\":[1,2,3],\"nprobe\":0}", "{\"vector\":[1,2,3],\"stage\":\"x\"}", "{\"vector\":[1,2,3],\"stage\":7}",
            "{\"vector\":[1,2,3],\"deadline_ms\":-5}", "{\"vector\":[1,2,3],\"deadline_ms\":1e300}", "{\"vector\":[1,2,3],\"filter\":[1]}", "{\"vector\":[1,2,3],\"filter\":\"x\"}",
            "{\"k\":1}", "{\"vector\":null,\"text\":null}", "{\"vector\":[1,2,3e38]}", "{\"vector\":[-3e38,3e38,3e38]}",
            "{\"searches\":null}", "{\"searches\":[]}", "{\"searches\":[null]}", "{\"searches\":[{\"vector\":[1],\"k\":1}]}", "{\"searches\":{}}",
            new string('[', 5000) + new string(']', 5000),
            "{\"points\":[{\"id\":\"a\",\"vector\":[1,2,3],\"payload\":" + new string('[', 1000) + new string(']', 1000) + "}]}",
            "{\"vector\":[1,2,3],\"filter\":{\"a\":" + new string('{', 300) + "}}",
            "{\"name\":\"" + new string('n', 10_000_000) + "\",\"dimension\":3}",
            "{\"points\":[{\"id\":\"" + new string('i', 10_000_000) + "\",\"vector\":[1,2,3]}]}",
            "{\"text\":\"" + new string('t', 10_000_000) + "\"}",
        };
        foreach (var route in BodyRoutes)
        {
            foreach (var body in bodies)
            {
                yield return ("POST", route, Encoding.UTF8.GetBytes(body));
            }
        }

        var random = new Random(1234);
        for (var i = 0; i < 60; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            yield return ("POST", BodyRoutes[i % BodyRoutes.Length], bytes);
        }

        var valid = "{\"points\":[{\"id\":\"z\",\"vector\":[1,2,3],\"payload\":{\"k\":[1,2]}}]}";
        for (var cut = 0; cut < valid.Length; cut += 3)
        {
            yield return ("POST", "/v1/collections/docs/points", Encoding.UTF8.GetBytes(valid[..cut]));
        }

        string[] names = ["..", "..%2F..", "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "a%20b", "%C3%A9", new string('x', 65), "%00", "a.b", "%2F", "..%5C..", "~root", "a%2Fb"];
        foreach (var name in names)
        {
            yield return ("GET", $"/v1/collections/{name}", null);
            yield return ("DELETE", $"/v1/collections/{name}", null);
            yield return ("POST", $"/v1/collections/{name}/points", Encoding.UTF8.GetBytes("{\"points\":[{\"id\":\"a\",\"vector\":[1,2,3]}]}"));
            yield return ("POST", $"/v1/collections/{name}/search", Encoding.UTF8.GetBytes("{\"vector\":[1,2,3],\"k\":1}"));
        }

        yield return ("PUT", "/v1/collections/docs", Encoding.UTF8.GetBytes("{}"));
        yield return ("GET", "/v1/collections/docs/points/extra/segments", null);
        yield return ("PATCH", "/v1/collections/docs/search", Encoding.UTF8.GetBytes("{}"));
    }

    private static bool HasErrorShape(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var error = document.RootElement.GetProperty("error");
            return error.GetProperty("message").ValueKind == JsonValueKind.String
                && error.GetProperty("type").ValueKind == JsonValueKind.String
                && error.TryGetProperty("param", out _)
                && error.TryGetProperty("code", out _);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..120] + "...";
}
