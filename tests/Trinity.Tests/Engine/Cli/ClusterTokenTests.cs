using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Trinity.Bench.Cluster;
using Trinity.Tests.Gateway;
using Trinity.Tests.Gateway.Engines.Remote;

namespace Trinity.Tests.Engine.Cli;

/// <summary>The cluster token on real role processes: every internal route of the prefill and decode engines and
/// every route of the vector pool answers 401 without the token or with a wrong one, and works with it; probes stay
/// open; the gateway (and the decode engine's KV pull) send it, so a chat through the cluster needs no recompute.</summary>
public sealed class ClusterTokenTests
{
    private const string Token = "test-cluster-token-0123456789";

    private static readonly (string Role, string Method, string Path, string? Body)[] InternalCalls =
    [
        ("prefill", "POST", "/internal/prefill", """{"request_id":"r","prompt_tokens":[1,2,3],"max_tokens":2}"""),
        ("prefill", "GET", "/internal/kv/no-such-handle", null),
        ("prefill", "DELETE", "/internal/kv/no-such-handle", null),
        ("prefill", "GET", "/internal/info", null),
        ("decode", "POST", "/internal/decode", "{}"),
        ("decode", "GET", "/internal/info", null),
        ("vector", "GET", "/v1/collections", null),
        ("vector", "POST", "/v1/collections", """{"name":"token-test","dimension":4}"""),
        ("vector", "POST", "/v1/collections/no-such/search", """{"vector":[1,0,0,0],"k":1}"""),
        ("vector", "DELETE", "/v1/collections/no-such", null),
    ];

    [Fact]
    public async Task InternalEndpoints_WithoutOrWithWrongToken_Answer401AndWithTokenWork()
    {
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            Model = TestModels.TinyDirectory,
            Home = TestModels.TempDirectory("cluster-token"),
            ClusterToken = Token,
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var roles = new Dictionary<string, ClusterProcess>
        {
            ["prefill"] = cluster.Prefill[0],
            ["decode"] = cluster.Decode[0],
            ["vector"] = cluster.Vector!,
        };

        foreach (var (role, method, path, body) in InternalCalls)
        {
            var url = new Uri(new Uri(roles[role].Url), path);
            using var missing = await http.SendAsync(Request(method, url, body, token: null));
            using var wrong = await http.SendAsync(Request(method, url, body, token: Token + "x"));
            using var right = await http.SendAsync(Request(method, url, body, token: Token));

            Assert.True(HttpStatusCode.Unauthorized == missing.StatusCode, $"{role} {method} {path} without token: {missing.StatusCode}");
            Assert.True(HttpStatusCode.Unauthorized == wrong.StatusCode, $"{role} {method} {path} wrong token: {wrong.StatusCode}");
            Assert.Contains("invalid_cluster_token", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(right.StatusCode is not HttpStatusCode.Unauthorized and < HttpStatusCode.InternalServerError, $"{role} {method} {path} with token: {right.StatusCode}");
        }

        foreach (var process in roles.Values)
        {
            using var health = await http.GetAsync(new Uri(new Uri(process.Url), "/health"));
            using var metrics = await http.GetAsync(new Uri(new Uri(process.Url), "/metrics"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }

        // The gateway sends the token to the engines, and the decode engine sends it when it pulls the prompt's KV cache.
        using var client = new HttpClient { BaseAddress = new Uri(cluster.Gateway.Url), Timeout = TimeSpan.FromSeconds(60) };
        Assert.NotEmpty(await DistributedChat.CompleteAsync(client, "Hello there", 8));
        Assert.True(await DistributedChat.MetricAsync(cluster.Decode[0].Url, "trinity_engine_kv_transfer_bytes_total") > 0);
        Assert.Equal(0, await DistributedChat.MetricAsync(cluster.Decode[0].Url, "trinity_engine_kv_recomputes_total"));

        // A gateway without the token cannot use the engines, and its start says why.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartWithModelAsync(TestModels.TinyDirectory, new Dictionary<string, string?>
        {
            ["Trinity:Engines:Prefill:0"] = cluster.Prefill[0].Url,
            ["Trinity:Engines:Decode:0"] = cluster.Decode[0].Url,
        }));
        Assert.Contains("Trinity:Cluster:Token", error.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(string method, Uri url, string? body, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
